package io.tagstream.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tab-separated table of the corpus package's resources ({@code real-source-packages.tsv},
 * {@code real-source-rules.tsv}): one row per line, blank lines and {@code #} comments skipped, every row exactly
 * {@code fields} wide. Problems name the table and the line.
 */
final class BundledTable {

    /** One row and the line it is on (1-based). */
    record Row(int line, String[] fields) {
    }

    private BundledTable() {
    }

    /** The rows of the resource {@code name} next to this class. */
    static List<Row> read(String name, int fields) {
        try (InputStream in = BundledTable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), name, fields);
        } catch (IOException e) {
            throw new CorpusException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** The rows of {@code reader}; {@code name} names the table in messages. */
    static List<Row> parse(BufferedReader reader, String name, int fields) throws IOException {
        List<Row> rows = new ArrayList<>();
        String line;
        for (int number = 1; (line = reader.readLine()) != null; number++) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != fields) {
                throw new IllegalArgumentException(name + " line " + number + ": expected " + fields
                        + " tab-separated fields, got " + f.length);
            }
            rows.add(new Row(number, f));
        }
        return rows;
    }
}

package io.tagstream.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real-recording source library that {@code tagstream sources} makes and {@code tagstream synth} draws from:
 * <pre>
 *   LIB/sources.tsv    every audio file of every fetched package: class or excluded, split, source, reason
 *   LIB/packages.tsv   every package: version, role, licence, holder
 *   LIB/audio/...      the kept recordings, 16 kHz mono 16-bit WAV, trimmed
 * </pre>
 */
public final class SourceLibrary {

    public static final String SOURCES_FILE = "sources.tsv";
    public static final String PACKAGES_FILE = "packages.tsv";

    private final Path dir;
    private final List<LibraryEntry> entries;

    private SourceLibrary(Path dir, List<LibraryEntry> entries) {
        this.dir = dir;
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the library in {@code dir}.
     *
     * @throws MissingPackageException if there is no library there (with the command that makes one)
     */
    public static SourceLibrary read(Path dir) {
        Path file = dir.resolve(SOURCES_FILE);
        if (!Files.isRegularFile(file)) {
            throw new CorpusException("no source library in " + dir + " (no " + SOURCES_FILE
                    + "): make one with tagstream sources --cache DIR");
        }
        List<LibraryEntry> entries = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                try {
                    entries.add(LibraryEntry.fromTsv(lines.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new CorpusException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new CorpusException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new SourceLibrary(dir, entries);
    }

    static void write(Path dir, List<LibraryEntry> entries) throws IOException {
        List<String> lines = new ArrayList<>(List.of(LibraryEntry.HEADER));
        entries.forEach(e -> lines.add(e.toTsv()));
        Files.write(dir.resolve(SOURCES_FILE), lines, StandardCharsets.UTF_8);
    }

    /** Every row, kept and excluded. */
    public List<LibraryEntry> entries() {
        return entries;
    }

    /** The kept recordings of class {@code c} in {@code split}, one per recording (parts of a track once). */
    List<LibraryEntry> recordings(SoundClass c, Split split) {
        List<LibraryEntry> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (LibraryEntry e : entries) {
            if (e.kept() && e.decision().equals(c.label()) && e.split().equals(split.dirName())
                    && seen.add(e.recording())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The file of a recording. */
    Path file(LibraryEntry e) {
        return dir.resolve(e.recording());
    }
}

package io.tagstream.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Audacity label files ({@code start<TAB>end<TAB>label\n}, seconds): writing label runs exactly (times are
 * frame counts times the frame length, printed with integer arithmetic to 6 decimals), and reading them back.
 */
public final class AudacityLabels {

    private AudacityLabels() {
    }

    /**
     * The label file text of {@code spans} whose frames are {@code frameMicros} microseconds long, each label written
     * as {@code text} names it.
     */
    public static <L> String format(List<LabelSpan<L>> spans, Function<? super L, String> text, long frameMicros) {
        StringBuilder s = new StringBuilder();
        for (LabelSpan<L> span : spans) {
            s.append(seconds(span.startFrame() * frameMicros)).append('\t')
                    .append(seconds(span.endFrame() * frameMicros)).append('\t')
                    .append(text.apply(span.label())).append('\n');
        }
        return s.toString();
    }

    /**
     * Parses label file text. Blank lines are skipped; Audacity's spectral-selection lines (starting with '\')
     * are ignored.
     *
     * @param name the file's name, for messages
     * @throws IllegalArgumentException naming the file and line if a line is malformed
     */
    public static List<AudacityLabel> parse(String text, String name) {
        List<AudacityLabel> labels = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("\\")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 3) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": expected start<TAB>end<TAB>label, got "
                        + fields.length + " field(s)");
            }
            try {
                labels.add(new AudacityLabel(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), fields[2]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return labels;
    }

    /** Reads and parses a label file. */
    public static List<AudacityLabel> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /** "12.340000" from 12340000 microseconds. */
    private static String seconds(long micros) {
        return micros / 1_000_000 + "." + String.format(Locale.ROOT, "%06d", micros % 1_000_000);
    }
}

package io.tagstream.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a stream as one terminal row: its name, a timeline of cells (one per {@link #CELL_MS} of audio, showing the
 * most frequent label of the cell's frames; the newest cell at the right, older ones scrolling off the left), then the
 * current label and its confidence. With colour each label has an ANSI background colour; without, a letter
 * ({@code .} for silence, else the label's first letter upper-cased). A row never exceeds the given width in visible
 * characters. Pure: strings in, a string out.
 */
public final class TerminalTimeline {

    /** Audio per timeline cell. */
    public static final double CELL_MS = 250;

    static final String RESET = "\u001b[0m";
    /** ANSI background colours for labels beyond the four known ones, in turn. */
    private static final int[] SPARE_BACKGROUNDS = {45, 46, 41, 47, 105, 106};

    private final List<String> labels;
    private final boolean color;
    private final int labelWidth;

    /** @param labels the model's label set, in its order (ties between labels go to the earlier one) */
    public TerminalTimeline(List<String> labels, boolean color) {
        this.labels = List.copyOf(labels);
        this.color = color;
        this.labelWidth = this.labels.stream().mapToInt(String::length).max().orElse(1);
    }

    /** Frames per cell at a hop of {@code hopMs}. */
    public static int framesPerCell(double hopMs) {
        return (int) Math.max(1, Math.round(CELL_MS / hopMs));
    }

    /**
     * The cells of {@code frameLabels}: one per {@code framesPerCell} frames (the last may be partial), each the
     * label occurring most often among its frames, ties to the earliest in the label set.
     */
    public List<String> cells(List<String> frameLabels, int framesPerCell) {
        List<String> cells = new ArrayList<>();
        for (int from = 0; from < frameLabels.size(); from += framesPerCell) {
            int[] counts = new int[labels.size()];
            for (String label : frameLabels.subList(from, Math.min(frameLabels.size(), from + framesPerCell))) {
                int index = labels.indexOf(label);
                if (index >= 0) {
                    counts[index]++;
                }
            }
            int best = 0;
            for (int i = 1; i < counts.length; i++) {
                best = counts[i] > counts[best] ? i : best;
            }
            cells.add(counts.length == 0 || counts[best] == 0 ? null : labels.get(best));
        }
        return cells;
    }

    /**
     * The row: {@code name} padded to {@code nameWidth}, the last cells that fit between bars, the current label
     * (null before the first) and its confidence; at most {@code width} visible characters.
     */
    public String row(String name, int nameWidth, List<String> cells, String current, double confidence, int width) {
        String head = String.format(Locale.ROOT, "%-" + nameWidth + "s ", name);
        String tail = current == null ? " " + "-".repeat(labelWidth)
                : String.format(Locale.ROOT, " %-" + labelWidth + "s %3d %%", current, Math.round(100 * confidence));
        int room = width - head.length() - 2 - tail.length();
        if (room < 1) {
            String plain = (head + tail.strip());
            return plain.substring(0, Math.min(plain.length(), Math.max(0, width)));
        }
        List<String> shown = cells.subList(Math.max(0, cells.size() - room), cells.size());
        String colouredTail = color && current != null ? paint(tail, foreground(current)) : tail;
        return head + "|" + timeline(shown) + " ".repeat(room - shown.size()) + "|" + colouredTail;
    }

    /** "legend: . silence  S speech ..." or the coloured equivalent. */
    public String legend() {
        StringBuilder s = new StringBuilder("legend:");
        for (String label : labels) {
            s.append(' ').append(timeline(List.of(label))).append(' ').append(label).append(' ');
        }
        return s.toString().stripTrailing();
    }

    /** Cells as characters; with colour, each run of equal cells is one coloured span. */
    private String timeline(List<String> cells) {
        StringBuilder s = new StringBuilder();
        int start = 0;
        for (int i = 1; i <= cells.size(); i++) {
            if (i == cells.size() || !java.util.Objects.equals(cells.get(i), cells.get(start))) {
                String run = cells.get(start);
                if (color && run != null) {
                    s.append(paint(" ".repeat(i - start), background(run)));
                } else {
                    s.append(String.valueOf(letter(run)).repeat(i - start));
                }
                start = i;
            }
        }
        return s.toString();
    }

    private static String paint(String text, int sgr) {
        return "\u001b[" + sgr + "m" + text + RESET;
    }

    /** The letter of a label without colour; a space for no label. */
    char letter(String label) {
        if (label == null) {
            return ' ';
        }
        return label.equals("silence") ? '.' : Character.toUpperCase(label.charAt(0));
    }

    /** ANSI background colour (SGR code) of a label. */
    int background(String label) {
        return switch (label) {
            case "silence" -> 100;
            case "speech" -> 42;
            case "music" -> 44;
            case "noise" -> 43;
            default -> SPARE_BACKGROUNDS[Math.max(0, labels.indexOf(label)) % SPARE_BACKGROUNDS.length];
        };
    }

    private int foreground(String label) {
        return background(label) - 10;
    }
}

package io.tagstream.plots;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One colour per label, the same in every picture: silence grey, speech orange, music blue, noise green; other labels
 * take the remaining colours of the Tableau-10 palette by their index in the label set.
 */
public final class ClassPalette {

    private static final Map<String, Color> DEFAULT_LABELS = Map.of(
            "silence", new Color(0xbdbdbd),
            "speech", new Color(0xff7f0e),
            "music", new Color(0x1f77b4),
            "noise", new Color(0x2ca02c));

    private static final List<Color> OTHERS = List.of(new Color(0xd62728), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0xbcbd22), new Color(0x17becf), new Color(0x7f7f7f));

    private final List<Color> colors;

    /** The palette of a label set (label names in classifier order). */
    public ClassPalette(List<String> labels) {
        this.colors = IntStream.range(0, labels.size())
                .mapToObj(i -> DEFAULT_LABELS.getOrDefault(labels.get(i), OTHERS.get(i % OTHERS.size())))
                .toList();
    }

    /** Colour of label {@code index}. */
    public Color color(int index) {
        return colors.get(index);
    }

    /** Number of labels. */
    public int size() {
        return colors.size();
    }
}

package io.tagstream.plots;

import java.awt.Color;
import java.util.List;

/**
 * A continuous colour map: a value in [0, 1] to a colour, linearly interpolated (in RGB) between evenly spaced
 * anchor colours. Values outside [0, 1] are clamped; NaN maps to the colour of 0.
 *
 * @param anchors the colours of 0, 1/(n-1), ..., 1; at least two
 */
public record ColorRamp(List<Color> anchors) {

    /** Viridis (dark violet, blue, teal, green, yellow): luminance rises with the value; for spectrograms. */
    public static final ColorRamp VIRIDIS = new ColorRamp(List.of(new Color(0x440154), new Color(0x3b528b),
            new Color(0x21918c), new Color(0x5ec962), new Color(0xfde725)));

    /** White to dark blue: luminance falls with the value; for heat maps of counts (larger = darker). */
    public static final ColorRamp BLUES = new ColorRamp(List.of(new Color(0xffffff), new Color(0xc6dbef),
            new Color(0x6baed6), new Color(0x2171b5), new Color(0x08306b)));

    public ColorRamp {
        anchors = List.copyOf(anchors);
        if (anchors.size() < 2) {
            throw new IllegalArgumentException("a colour ramp needs at least two anchors, got " + anchors.size());
        }
    }

    /** The colour of {@code value}. */
    public Color color(double value) {
        double t = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
        double position = t * (anchors.size() - 1);
        int low = Math.min(anchors.size() - 2, (int) Math.floor(position));
        double fraction = position - low;
        Color a = anchors.get(low);
        Color b = anchors.get(low + 1);
        return new Color(mix(a.getRed(), b.getRed(), fraction), mix(a.getGreen(), b.getGreen(), fraction),
                mix(a.getBlue(), b.getBlue(), fraction));
    }

    private static int mix(int a, int b, double fraction) {
        return (int) Math.round(a + (b - a) * fraction);
    }
}

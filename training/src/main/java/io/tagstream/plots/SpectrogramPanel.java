package io.tagstream.plots;

import io.tagstream.features.FeatureKind;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * The model's feature frames as an image: time across, feature index up (the lowest mel band at the bottom), value
 * as a {@link ColorRamp#VIRIDIS} colour. A pixel column shows the mean of the frames under it. Log-mel values (natural
 * log of mel energies) are shown over the top 80 dB of the recording; other features over their whole range.
 */
public final class SpectrogramPanel {

    /** 80 dB of power in natural-log units: 80 / (10 log10 e). */
    static final double LOG_MEL_RANGE = 80 / (10 * Math.log10(Math.E));

    private SpectrogramPanel() {
    }

    /** Draws {@code features} ({@code [T][dims]}, frames of {@code hopSeconds}) in {@code area}. */
    public static void draw(Graphics2D g, Rectangle area, TimeAxis axis, float[][] features, double hopSeconds,
                            FeatureKind kind) {
        if (features.length > 0) {
            int dims = features[0].length;
            double[] range = valueRange(features, kind);
            BufferedImage cells = new BufferedImage(area.width, dims, BufferedImage.TYPE_INT_RGB); // [dims][width]
            for (int column = 0; column < area.width; column++) {
                TimeAxis.Range frames = axis.itemsUnder(column, hopSeconds, features.length);
                for (int d = 0; d < dims && !frames.isEmpty(); d++) {
                    double value = frames.mean(features, d);
                    Color color = ColorRamp.VIRIDIS.color((value - range[0]) / (range[1] - range[0]));
                    cells.setRGB(column, dims - 1 - d, color.getRGB());
                }
            }
            g.drawImage(cells, area.x, area.y, area.width, area.height, null);
        }
        g.setColor(Color.BLACK);
        g.drawRect(area.x, area.y, area.width, area.height);
        g.drawString(kind == FeatureKind.LOG_MEL ? "log-mel spectrogram (model features; top 80 dB)"
                : "MFCC (model features)", area.x, area.y - 4);
    }

    /** {@code {low, high}} of the colour scale, with {@code high > low}. */
    static double[] valueRange(float[][] features, FeatureKind kind) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (float[] frame : features) {
            for (float v : frame) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        if (kind == FeatureKind.LOG_MEL) {
            low = Math.max(low, high - LOG_MEL_RANGE);
        }
        return new double[] {low, Math.max(high, low + 1e-6)};
    }
}

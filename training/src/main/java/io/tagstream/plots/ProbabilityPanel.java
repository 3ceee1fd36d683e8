package io.tagstream.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;

/**
 * Per-frame class probabilities, stacked: in each pixel column the mean probabilities of the frames under it, one
 * band per label in label order from the bottom, each as tall as its probability (the column sums to the panel's
 * height).
 */
public final class ProbabilityPanel {

    private ProbabilityPanel() {
    }

    /** Draws {@code probabilities} ({@code [T][labels]}, frames of {@code hopSeconds}) in {@code area}. */
    public static void draw(Graphics2D g, Rectangle area, TimeAxis axis, float[][] probabilities, double hopSeconds,
                            ClassPalette palette) {
        int bottom = area.y + area.height;
        for (int column = 0; column < area.width; column++) {
            TimeAxis.Range frames = axis.itemsUnder(column, hopSeconds, probabilities.length);
            if (frames.isEmpty()) {
                break;
            }
            double cumulative = 0;
            int top = bottom;
            for (int label = 0; label < palette.size(); label++) {
                cumulative += frames.mean(probabilities, label);
                int next = bottom - (int) Math.round(Math.min(1, cumulative) * area.height);
                if (next < top) {
                    g.setColor(palette.color(label));
                    g.drawLine(area.x + column, next, area.x + column, top - 1);
                }
                top = next;
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(area.x, area.y, area.width, area.height);
        g.drawString("class probabilities per frame (stacked, 0..1)", area.x, area.y - 4);
    }
}

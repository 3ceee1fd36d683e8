package io.tagstream.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;

/** The waveform as a min/max envelope: one vertical line per pixel column from its lowest to its highest sample. */
public final class WaveformPanel {

    static final Color ENVELOPE = new Color(0x3a3a3a);
    private static final double MIN_PEAK = 1e-4;

    private WaveformPanel() {
    }

    /** Draws {@code samples} (at {@code sampleRate}) in {@code area}, scaled so the peak fills the panel. */
    public static void draw(Graphics2D g, Rectangle area, TimeAxis axis, float[] samples, int sampleRate) {
        double peak = MIN_PEAK;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        int middle = area.y + area.height / 2;
        g.setColor(new Color(0xdddddd));
        g.drawLine(area.x, middle, area.x + area.width - 1, middle);
        g.setColor(ENVELOPE);
        for (int column = 0; column < area.width; column++) {
            TimeAxis.Range range = axis.itemsUnder(column, 1.0 / sampleRate, samples.length);
            if (range.isEmpty()) {
                break;
            }
            float low = samples[range.from()];
            float high = low;
            for (int i = range.from() + 1; i < range.to(); i++) {
                low = Math.min(low, samples[i]);
                high = Math.max(high, samples[i]);
            }
            g.drawLine(area.x + column, y(area, high / peak), area.x + column, y(area, low / peak));
        }
        g.setColor(Color.BLACK);
        g.drawRect(area.x, area.y, area.width, area.height);
        g.drawString(String.format(java.util.Locale.ROOT, "waveform (peak %.1f dBFS)", 20 * Math.log10(peak)),
                area.x, area.y - 4);
    }

    /** Pixel row of amplitude {@code a} in [-1, 1] (1 at the top). */
    private static int y(Rectangle area, double a) {
        return area.y + (int) Math.round((1 - a) / 2 * (area.height - 1));
    }
}

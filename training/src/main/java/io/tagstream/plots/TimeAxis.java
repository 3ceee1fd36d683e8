package io.tagstream.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.Locale;

/**
 * Seconds along the x axis: time 0 at pixel column {@code left}, {@code seconds} at {@code left + width}. Pixel
 * column {@code c} (0-based inside the axis) stands for the time span {@code [c, c+1) * seconds / width}.
 *
 * @param left    first pixel column of the axis
 * @param width   pixel columns, at least 1
 * @param seconds time shown, positive
 */
public record TimeAxis(int left, int width, double seconds) {

    /** Tick spacings to choose from, in seconds (then 1, 2, 5 times powers of ten). */
    private static final double[] STEPS = {1, 2, 5};
    private static final int MAX_TICKS = 12;

    public TimeAxis {
        if (width < 1 || !(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("a time axis needs width >= 1 and a positive duration, got " + width
                    + " px, " + seconds + " s");
        }
    }

    /**
     * A run of indices {@code [from, to)}.
     *
     * @param from first index
     * @param to   one past the last; {@code from == to} when empty
     */
    public record Range(int from, int to) {
        public boolean isEmpty() {
            return from >= to;
        }

        /** Mean of {@code rows[i][column]} over the range (not empty). */
        public double mean(float[][] rows, int column) {
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += rows[i][column];
            }
            return sum / (to - from);
        }
    }

    /** Pixel column of time {@code t} (seconds). */
    public int x(double t) {
        return left + (int) Math.floor(t / seconds * width);
    }

    /**
     * The items under pixel column {@code column} of a sequence of {@code count} items of {@code unitSeconds} each
     * (item i spans {@code [i, i+1) * unitSeconds}): those overlapping the column's time span, at least the one
     * holding its start; empty past the last item.
     */
    public Range itemsUnder(int column, double unitSeconds, int count) {
        double start = column * seconds / width;
        double end = (column + 1) * seconds / width;
        // the slack keeps rounding (1.98 / 0.01 = 198.00000000000003) from adding or dropping an item
        int from = (int) Math.floor(start / unitSeconds + 1e-9);
        int to = Math.max(from + 1, (int) Math.ceil(end / unitSeconds - 1e-9));
        return new Range(Math.min(from, count), Math.min(to, count));
    }

    /** Tick spacing: the smallest 1, 2 or 5 times a power of ten giving at most 12 ticks. */
    public double tickStep() {
        double power = Math.pow(10, Math.floor(Math.log10(seconds / MAX_TICKS)));
        for (int round = 0; round < 3; round++) {
            for (double step : STEPS) {
                if (seconds / (step * power) <= MAX_TICKS) {
                    return step * power;
                }
            }
            power *= 10;
        }
        return seconds;
    }

    /** Tick marks and their labels in seconds below the line {@code y}, and the axis title. */
    public void draw(Graphics2D g, int y) {
        double step = tickStep();
        String format = step >= 1 ? "%.0f" : step >= 0.1 ? "%.1f" : "%.2f";
        for (int i = 0; i * step <= seconds + 1e-9; i++) {
            int px = Math.min(left + width - 1, x(i * step));
            g.setColor(Color.BLACK);
            g.drawLine(px, y, px, y + 4);
            String label = String.format(Locale.ROOT, format, i * step);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, y + 17);
        }
        String title = "time (s)";
        g.drawString(title, left + width - g.getFontMetrics().stringWidth(title), y + 32);
    }
}

package io.tagstream.app.bench;

import java.util.Arrays;

/**
 * Latencies in milliseconds, appended by one thread in arrival order, summarised by percentiles (nearest rank), of
 * all of them or of a stretch of the arrivals (e.g. the last third of a live run: a latency that grows from the first
 * third to the last says the app fell behind the audio, not that a few labels came late).
 */
final class LatencySamples {

    private long[] values = new long[1 << 14];
    private int size;

    synchronized void add(long millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    synchronized int size() {
        return size;
    }

    /** The {@code p}-th percentile (0 < p <= 100) by nearest rank; NaN when empty. */
    synchronized double percentile(double p) {
        return percentile(p, 0, size);
    }

    /**
     * The {@code p}-th percentile (0 < p <= 100) by nearest rank of the {@code part}-th of {@code parts} equal
     * stretches of the arrivals (0 is the first; the last takes the remainder); NaN when that stretch is empty.
     */
    synchronized double percentileOfPart(double p, int part, int parts) {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts);
        }
        int stretch = size / parts;
        return percentile(p, part * stretch, part == parts - 1 ? size : (part + 1) * stretch);
    }

    private double percentile(double p, int from, int to) {
        if (to <= from) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}

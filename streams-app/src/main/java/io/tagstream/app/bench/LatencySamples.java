package io.tagstream.app.bench;

import java.util.Arrays;

/** Latencies in milliseconds, appended by one thread, summarised by percentiles (nearest rank). */
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
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, rank - 1)];
    }
}

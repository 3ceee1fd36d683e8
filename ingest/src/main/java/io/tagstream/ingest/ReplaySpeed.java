package io.tagstream.ingest;

/**
 * How fast a recording is replayed: a multiple of real time (1 = as it was recorded), or {@link #MAX} (as fast as
 * Kafka accepts it, no pacing).
 *
 * @param factor seconds of audio per wall-clock second; {@link Double#POSITIVE_INFINITY} for {@link #MAX}
 */
public record ReplaySpeed(double factor) {

    public static final ReplaySpeed REAL_TIME = new ReplaySpeed(1.0);
    public static final ReplaySpeed MAX = new ReplaySpeed(Double.POSITIVE_INFINITY);

    /** Fastest paced speed; anything faster should be {@link #MAX}. */
    public static final double MAX_FACTOR = 1_000.0;

    public ReplaySpeed {
        if (!(factor == Double.POSITIVE_INFINITY || (factor >= 0.01 && factor <= MAX_FACTOR))) {
            throw new IllegalArgumentException("speed must be 0.01.." + (int) MAX_FACTOR + " (x real time) or 'max', got "
                    + factor);
        }
    }

    /** Parses "1", "2.5", "4x" or "max". */
    public static ReplaySpeed parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        if (value.equals("max")) {
            return MAX;
        }
        if (value.endsWith("x")) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            return new ReplaySpeed(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("speed must be a number (x real time) or 'max', got '" + text + "'");
        }
    }

    public boolean isMax() {
        return factor == Double.POSITIVE_INFINITY;
    }

    /** Wall-clock nanoseconds after the start at which {@code mediaNanos} of audio is due; 0 for {@link #MAX}. */
    long wallNanosFor(long mediaNanos) {
        return isMax() ? 0 : Math.round(mediaNanos / factor);
    }

    @Override
    public String toString() {
        return isMax() ? "max" : factor + "x";
    }
}

package io.tagstream.corpus;

/** A fixed-length sample buffer that sounds are added into at sample positions (parts outside are cut). */
final class MixBuffer {

    private final float[] samples;

    MixBuffer(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        this.samples = new float[length];
    }

    int length() {
        return samples.length;
    }

    /** Adds {@code gain * x} with x[0] at sample {@code at} (may be negative or run past the end). */
    void add(float[] x, long at, double gain) {
        long from = Math.max(0, -at);
        long to = Math.min(x.length, samples.length - at);
        for (long i = from; i < to; i++) {
            samples[(int) (at + i)] += (float) (gain * x[(int) i]);
        }
    }

    /** A copy of the mix. */
    float[] samples() {
        return samples.clone();
    }
}

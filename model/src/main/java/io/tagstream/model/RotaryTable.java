package io.tagstream.model;

/**
 * Rotary position embedding for small relative positions. Pair {@code (2i, 2i+1)} of each head is rotated by the
 * angle {@code p * theta_i}, {@code theta_i = 10000^(-2i / d_k)}:
 * {@code (a, b) -> (a cos - b sin, a sin + b cos)}. Rotating a query by {@code p_q} and a key by {@code p_k} makes
 * their dot product a function of {@code p_k - p_q} only, so any common origin may be used for {@code p}.
 *
 * <p>Why never the absolute frame index: after 10 hours a stream is at frame 3.6 million, where a float32 angle
 * {@code p * theta_0} has a spacing of 0.25 rad, so rotations (and labels) would degrade with stream age and differ
 * between two runs that started at different times. Here {@code p} is always a row index of a short buffer
 * ({@code 0 <= |p| <= maxPosition}, a few hundred frames), the angles are computed in double once, and only the
 * resulting cosines and sines are stored in float.
 */
final class RotaryTable {

    /** The base of the frequency ladder (the RoFormer value). */
    static final double BASE = 10_000.0;

    private final int heads;
    private final int headDims;
    private final int pairs;         // headDims / 2
    private final int maxPosition;
    private final float[] cos;       // [maxPosition + 1, pairs]
    private final float[] sin;       // [maxPosition + 1, pairs]

    RotaryTable(int heads, int headDims, int maxPosition) {
        if (headDims % 2 != 0 || maxPosition < 0) {
            throw new IllegalArgumentException("rotary table needs an even head size and positions >= 0");
        }
        this.heads = heads;
        this.headDims = headDims;
        this.pairs = headDims / 2;
        this.maxPosition = maxPosition;
        this.cos = new float[(maxPosition + 1) * pairs];
        this.sin = new float[(maxPosition + 1) * pairs];
        for (int p = 0; p <= maxPosition; p++) {
            for (int i = 0; i < pairs; i++) {
                double angle = p * frequency(i, headDims);
                cos[p * pairs + i] = (float) Math.cos(angle);
                sin[p * pairs + i] = (float) Math.sin(angle);
            }
        }
    }

    /** {@code theta_i} for pair {@code i} of a head of {@code headDims}. */
    static double frequency(int pair, int headDims) {
        return Math.pow(BASE, -2.0 * pair / headDims);
    }

    int maxPosition() {
        return maxPosition;
    }

    /** Rotates the {@code heads * headDims} values of one row from {@code offset} by position {@code p}. */
    void rotateRow(float[] row, int offset, int p) {
        int table = Math.abs(p) * pairs;
        float sign = p < 0 ? -1f : 1f;
        for (int h = 0; h < heads; h++) {
            int head = offset + h * headDims;
            for (int i = 0; i < pairs; i++) {
                float c = cos[table + i];
                float s = sign * sin[table + i];
                float a = row[head + 2 * i];
                float b = row[head + 2 * i + 1];
                row[head + 2 * i] = a * c - b * s;
                row[head + 2 * i + 1] = a * s + b * c;
            }
        }
    }
}

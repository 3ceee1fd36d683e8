package io.tagstream.model;

/**
 * Rotary position embedding, applied as a function of the offset alone. Pair {@code (2i, 2i+1)} of each head is
 * rotated by the angle {@code p * theta_i}, {@code theta_i = 10000^(-2i / d_k)}:
 * {@code (a, b) -> (a cos - b sin, a sin + b cos)}. A query rotated by {@code p_q} and a key rotated by {@code p_k}
 * have the dot product {@code q . R(p_k - p_q) k}, so {@link #dot} takes the raw query and key and the offset
 * {@code delta = p_k - p_q}:
 * <pre>
 *   sum_i  cos(delta theta_i) (q_a k_a + q_b k_b) + sin(delta theta_i) (q_b k_a - q_a k_b)
 * </pre>
 * Why never rotate by a position: after 10 hours a stream is at frame 3.6 million, where a float32 angle
 * {@code p * theta_0} has a spacing of 0.25 rad; and rotating by a buffer row index instead makes a stored key's
 * rounding depend on when the buffer was last re-based, that is on how frames were chunked and batched. With the
 * offset, the same query and key give the same bits wherever and however they are processed. The angles are computed
 * in double once, for offsets {@code |delta| <= maxOffset}; only their cosines and sines are stored, in float.
 */
final class RotaryTable {

    /** The base of the frequency ladder (the RoFormer value). */
    static final double BASE = 10_000.0;

    private final int pairs;         // headDims / 2
    private final int maxOffset;
    private final float[] cos;       // [maxOffset + 1, pairs]
    private final float[] sin;       // [maxOffset + 1, pairs]

    RotaryTable(int headDims, int maxOffset) {
        if (headDims % 2 != 0 || maxOffset < 0) {
            throw new IllegalArgumentException("rotary table needs an even head size and offsets >= 0");
        }
        this.pairs = headDims / 2;
        this.maxOffset = maxOffset;
        this.cos = new float[(maxOffset + 1) * pairs];
        this.sin = new float[(maxOffset + 1) * pairs];
        for (int p = 0; p <= maxOffset; p++) {
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

    int maxOffset() {
        return maxOffset;
    }

    /**
     * The dot product of one head's query (from {@code q}) and key (from {@code k}), {@code headDims} values each,
     * as if the key sat {@code delta} frames after the query and both were rotated to their positions.
     */
    float dot(float[] query, int q, float[] key, int k, int delta) {
        int table = Math.abs(delta) * pairs;
        float sign = delta < 0 ? -1f : 1f;
        float even = 0f;
        float odd = 0f;
        int i = 0;
        for (; i + 2 <= pairs; i += 2) {
            even += pairTerm(query, q + 2 * i, key, k + 2 * i, cos[table + i], sign * sin[table + i]);
            odd += pairTerm(query, q + 2 * i + 2, key, k + 2 * i + 2, cos[table + i + 1], sign * sin[table + i + 1]);
        }
        if (i < pairs) {
            even += pairTerm(query, q + 2 * i, key, k + 2 * i, cos[table + i], sign * sin[table + i]);
        }
        return even + odd;
    }

    private static float pairTerm(float[] query, int q, float[] key, int k, float c, float s) {
        float qa = query[q];
        float qb = query[q + 1];
        float ka = key[k];
        float kb = key[k + 1];
        return c * (qa * ka + qb * kb) + s * (qb * ka - qa * kb);
    }
}

package io.tagstream.model;

/**
 * Numerically safe softmax: subtract the maximum, exponentiate ({@link FloatExp}), divide by the sum (in double,
 * {@link FourChainSum}). The maximum runs in four interleaved chains too (a maximum is the same in any order).
 */
final class Softmax {

    private Softmax() {
    }

    /** Replaces {@code values[from, to)} (non-empty) by their softmax, the exponentials on {@code kernels}. */
    static void inPlace(float[] values, int from, int to, LaneKernels kernels) {
        float m0 = Float.NEGATIVE_INFINITY;
        float m1 = m0;
        float m2 = m0;
        float m3 = m0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            m0 = Math.max(m0, values[i]);
            m1 = Math.max(m1, values[i + 1]);
            m2 = Math.max(m2, values[i + 2]);
            m3 = Math.max(m3, values[i + 3]);
        }
        for (; i < to; i++) {
            m0 = Math.max(m0, values[i]);
        }
        float max = Math.max(Math.max(m0, m1), Math.max(m2, m3));   // a maximum: the same in any order
        kernels.exponentials(values, from, to, max);
        float inverse = (float) (1.0 / FourChainSum.of(values, from, to));
        for (i = from; i < to; i++) {
            values[i] *= inverse;
        }
    }
}

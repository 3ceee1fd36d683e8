package io.tagstream.model;

/** Numerically safe softmax: subtract the maximum, exponentiate ({@link FloatExp}), divide by the sum. */
final class Softmax {

    private Softmax() {
    }

    /** Replaces {@code values[from, to)} (non-empty) by their softmax, the exponentials on {@code kernels}. */
    static void inPlace(float[] values, int from, int to, LaneKernels kernels) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, values[i]);
        }
        kernels.exponentials(values, from, to, max);
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        float inverse = (float) (1.0 / sum);
        for (int i = from; i < to; i++) {
            values[i] *= inverse;
        }
    }
}

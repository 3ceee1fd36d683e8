package io.tagstream.model;

/**
 * Layer normalisation of each row: {@code y = (x - mean(x)) / sqrt(var(x) + eps) * gain + bias}, with the biased
 * variance (divided by the width) and {@code eps = 1e-5}; statistics accumulated in double.
 */
final class LayerNorm {

    /** Added to the variance before the square root (the usual PyTorch/ND4J default). */
    static final double EPSILON = 1e-5;

    private final float[] gain; // [d]
    private final float[] bias; // [d]

    LayerNorm(WeightTensor gain, WeightTensor bias) {
        if (gain.rank() != 1 || !bias.hasShape(gain.dim(0))) {
            throw new IllegalArgumentException("layer norm needs gain [d] and bias [d], got " + gain + " and " + bias);
        }
        this.gain = gain.values();
        this.bias = bias.values();
    }

    /** Normalises {@code rows} rows of {@code in} into {@code out}; {@code in} and {@code out} may be the same. */
    void apply(float[] in, int inOffset, int rows, float[] out, int outOffset) {
        int d = gain.length;
        for (int r = 0; r < rows; r++) {
            int x = inOffset + r * d;
            int y = outOffset + r * d;
            double sum = 0;
            for (int i = 0; i < d; i++) {
                sum += in[x + i];
            }
            double mean = sum / d;
            double squares = 0;
            for (int i = 0; i < d; i++) {
                double centred = in[x + i] - mean;
                squares += centred * centred;
            }
            float inverseStd = (float) (1.0 / Math.sqrt(squares / d + EPSILON));
            float shift = (float) mean;
            for (int i = 0; i < d; i++) {
                out[y + i] = (in[x + i] - shift) * inverseStd * gain[i] + bias[i];
            }
        }
    }
}

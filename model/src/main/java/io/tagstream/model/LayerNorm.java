package io.tagstream.model;

/**
 * Layer normalisation of each row: {@code y = (x - mean(x)) / sqrt(var(x) + eps) * gain + bias}, with the biased
 * variance (divided by the width) and {@code eps = }{@link EncoderConfig#LAYER_NORM_EPSILON}; statistics accumulated in double
 * ({@link FourChainSum}).
 */
final class LayerNorm {

    private final float[] gain; // [d]
    private final float[] bias; // [d]

    LayerNorm(WeightTensor gain, WeightTensor bias) {
        if (gain.rank() != 1 || !bias.hasShape(gain.dim(0))) {
            throw new IllegalArgumentException("layer norm needs gain [d] and bias [d], got " + gain + " and " + bias);
        }
        this.gain = gain.values();
        this.bias = bias.values();
    }

    /** Normalises the rows of {@code in} into the same rows of {@code out}; they may be the same block. */
    void apply(RowBlock in, RowBlock out) {
        int d = gain.length;
        float[] x0 = in.data();
        float[] y0 = out.data();
        for (int r = 0; r < in.rows(); r++) {
            int x = in.start(r);
            int y = out.start(r);
            double mean = FourChainSum.of(x0, x, x + d) / d;
            double squares = FourChainSum.ofSquaredDistances(x0, x, x + d, mean);
            float inverseStd = (float) (1.0 / Math.sqrt(squares / d + EncoderConfig.LAYER_NORM_EPSILON));
            float shift = (float) mean;
            for (int i = 0; i < d; i++) {
                y0[y + i] = (x0[x + i] - shift) * inverseStd * gain[i] + bias[i];
            }
        }
    }
}

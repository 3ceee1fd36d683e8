package io.tagstream.model;

/** The non-linearity between the two layers of each position-wise feed-forward network. */
public enum Activation {
    /** {@code max(0, x)}. */
    RELU {
        @Override
        public float apply(float x) {
            return x > 0f ? x : 0f;
        }
    },
    /**
     * GELU, tanh form: {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. Training must use this same formula
     * (not the sigmoid approximation {@code x * sigmoid(1.702 x)}).
     */
    GELU {
        @Override
        public float apply(float x) {
            double u = SQRT_2_OVER_PI * (x + 0.044715 * x * x * x);
            // tanh(u) = 1 - 2 / (exp(2u) + 1): exact at both tails (exp overflows to +inf or underflows to 0)
            double tanh = 1.0 - 2.0 / (Math.exp(2.0 * u) + 1.0);
            return (float) (0.5 * x * (1.0 + tanh));
        }
    };

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    /** The activation of one value. */
    public abstract float apply(float x);

    /** Applies the activation in place to {@code values[from, to)}. */
    public void applyInPlace(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = apply(values[i]);
        }
    }
}

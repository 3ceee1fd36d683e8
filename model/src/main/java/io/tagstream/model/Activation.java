package io.tagstream.model;

/** The non-linearity between the two layers of each position-wise feed-forward network. */
public enum Activation {
    /** {@code max(0, x)}. */
    RELU {
        @Override
        public float apply(float x) {
            return Math.max(x, 0f);
        }

        @Override
        public void applyInPlace(float[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                values[i] = Math.max(values[i], 0f); // a plain loop: vectorised by the JIT
            }
        }
    },
    /**
     * GELU, tanh form: {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. Training must use this same formula
     * (not the sigmoid approximation {@code x * sigmoid(1.702 x)}).
     */
    GELU {
        @Override
        public float apply(float x) {
            float u = SQRT_2_OVER_PI * (x + 0.044715f * x * x * x);
            // tanh(u) = 1 - 2 / (exp(2u) + 1): right at both tails (exp gives +inf or 0 there)
            float tanh = 1f - 2f / (FloatExp.exp(2f * u) + 1f);
            return 0.5f * x * (1f + tanh);
        }

        @Override
        public void applyInPlace(float[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                values[i] = apply(values[i]);
            }
        }
    };

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);

    /** The activation of one value. */
    public abstract float apply(float x);

    /** Applies the activation in place to {@code values[from, to)}. */
    public abstract void applyInPlace(float[] values, int from, int to);
}

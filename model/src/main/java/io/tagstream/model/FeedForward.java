package io.tagstream.model;

/** The position-wise feed-forward network, {@code down(activation(up(x)))}, applied to each row alone. */
final class FeedForward {

    private final Linear up;   // [d, F]
    private final Activation activation;
    private final Linear down; // [F, d]

    FeedForward(Linear up, Activation activation, Linear down) {
        if (up.outputs() != down.inputs() || up.inputs() != down.outputs()) {
            throw new IllegalArgumentException("feed-forward layers do not chain: [" + up.inputs() + ", "
                    + up.outputs() + "] then [" + down.inputs() + ", " + down.outputs() + "]");
        }
        this.up = up;
        this.activation = activation;
        this.down = down;
    }

    int hiddenDims() {
        return up.outputs();
    }

    /**
     * {@code out[rows, d]} (from offset 0) for {@code in[rows, d]} read from {@code inOffset}; {@code hidden} holds
     * {@code [rows, F]}.
     */
    void forward(Gemm gemm, float[] in, int inOffset, int rows, float[] hidden, float[] out) {
        up.forward(gemm, in, inOffset, rows, hidden, 0);        // [rows, F]
        activation.applyInPlace(hidden, 0, rows * up.outputs());
        down.forward(gemm, hidden, 0, rows, out, 0);            // [rows, d]
    }
}

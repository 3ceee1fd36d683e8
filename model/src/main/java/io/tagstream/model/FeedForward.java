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

    /** {@code out[rows, d]} for {@code in[rows, d]}, through {@code hidden[rows, F]}; all packed. */
    void forward(Gemm gemm, RowBlock in, RowBlock hidden, RowBlock out) {
        up.forward(gemm, in, hidden);                           // [rows, F]
        activation.applyInPlace(hidden.data(), hidden.offset(), hidden.offset() + in.rows() * up.outputs());
        down.forward(gemm, hidden, out);                        // [rows, d]
    }
}

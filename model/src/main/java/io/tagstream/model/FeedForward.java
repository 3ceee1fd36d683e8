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

    /** {@code out[rows, d]} for {@code in[rows, d]}, with {@code hidden[rows, F]} as scratch; all packed. */
    void forward(Gemm gemm, RowBlock in, RowBlock hidden, RowBlock out) {
        if (!in.packed() || !hidden.packed() || !out.packed()) {
            throw new IllegalArgumentException("a feed-forward network reads and writes packed rows, got strides "
                    + in.stride() + ", " + hidden.stride() + " and " + out.stride());
        }
        gemm.multiplyThrough(in.data(), in.offset(), in.rows(), up.weight(), up.bias(), activation, down.weight(),
                hidden.data(), hidden.offset(), out.data(), out.offset());
        Linear.addBias(out.data(), out.offset(), in.rows(), down.bias());
    }
}

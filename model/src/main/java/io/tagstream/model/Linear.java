package io.tagstream.model;

import java.util.Arrays;

/** An affine projection of row vectors, {@code y[rows, out] = x[rows, in] · W[in, out] + b[out]}. */
final class Linear {

    private final WeightTensor weight; // [in, out]
    private final float[] bias;        // [out]

    Linear(WeightTensor weight, WeightTensor bias) {
        if (weight.rank() != 2 || bias.rank() != 1 || bias.dim(0) != weight.dim(1)) {
            throw new IllegalArgumentException("linear layer needs weight [in, out] and bias [out], got "
                    + Arrays.toString(weight.shape()) + " and " + Arrays.toString(bias.shape()));
        }
        this.weight = weight;
        this.bias = bias.values();
    }

    int inputs() {
        return weight.dim(0);
    }

    int outputs() {
        return weight.dim(1);
    }

    WeightTensor weight() {
        return weight;
    }

    /** {@code out[rows, out]} from {@code in[rows, in]}, both packed; {@code out} must not overlap {@code in}. */
    void forward(Gemm gemm, RowBlock in, RowBlock out) {
        if (!in.packed() || !out.packed()) {
            throw new IllegalArgumentException("a linear layer reads and writes packed rows, got strides "
                    + in.stride() + " and " + out.stride());
        }
        gemm.multiply(in.data(), in.offset(), in.rows(), weight, out.data(), out.offset());
        float[] y = out.data();
        int n = bias.length;
        for (int r = 0; r < in.rows(); r++) {
            int row = out.start(r);
            for (int j = 0; j < n; j++) {
                y[row + j] += bias[j];
            }
        }
    }
}

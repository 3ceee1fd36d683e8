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

    /** {@code out[rows, out]} from {@code in[rows, in]} at the given offsets; out must not overlap in. */
    void forward(Gemm gemm, float[] in, int inOffset, int rows, float[] out, int outOffset) {
        gemm.multiply(in, inOffset, rows, weight, out, outOffset);
        int n = bias.length;
        for (int r = 0; r < rows; r++) {
            int row = outOffset + r * n;
            for (int j = 0; j < n; j++) {
                out[row + j] += bias[j];
            }
        }
    }
}

package io.tagstream.model;

/**
 * Frames into the residual stream: per-feature normalisation {@code (x - mean) / std}, then (after the front end,
 * if the model has one) a linear projection.
 */
final class InputProjection {

    private final float[] mean; // [I]
    private final float[] std;  // [I]
    private final Linear projection; // [P, d], P = I or the front end's output width

    InputProjection(EncoderWeights weights) {
        this.mean = weights.meanValues();
        this.std = weights.stdValues();
        this.projection = new Linear(weights.inputWeight(), weights.inputBias());
    }

    int inputDims() {
        return mean.length;
    }

    /** {@code normalised[rows, I] = (frames[rows, I] - mean) / std}, both from offset 0. */
    void normalise(float[] frames, int rows, float[] normalised) {
        int dims = mean.length;
        for (int r = 0; r < rows; r++) {
            int row = r * dims;
            for (int i = 0; i < dims; i++) {
                normalised[row + i] = (frames[row + i] - mean[i]) / std[i];
            }
        }
    }

    /**
     * {@code out[rows, d]} (from {@code outOffset}) for {@code in[rows, P]} (from offset 0): normalised frames, or
     * the front end's output.
     */
    void project(Gemm gemm, float[] in, int rows, float[] out, int outOffset) {
        projection.forward(gemm, RowBlock.of(in, 0, rows, projection.inputs()),
                RowBlock.of(out, outOffset, rows, projection.outputs()));
    }
}

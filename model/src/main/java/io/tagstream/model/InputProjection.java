package io.tagstream.model;

/** Frames into the residual stream: per-feature normalisation {@code (x - mean) / std}, then a linear projection. */
final class InputProjection {

    private final float[] mean; // [I]
    private final float[] std;  // [I]
    private final Linear projection; // [I, d]

    InputProjection(EncoderWeights weights) {
        this.mean = weights.meanValues();
        this.std = weights.stdValues();
        this.projection = new Linear(weights.inputWeight(), weights.inputBias());
    }

    int inputDims() {
        return mean.length;
    }

    /**
     * {@code out[rows, d]} (from {@code outOffset}) for {@code frames[rows, I]} (from offset 0);
     * {@code normalised} holds {@code [rows, I]}.
     */
    void forward(Gemm gemm, float[] frames, int rows, float[] normalised, float[] out, int outOffset) {
        int dims = mean.length;
        for (int r = 0; r < rows; r++) {
            int row = r * dims;
            for (int i = 0; i < dims; i++) {
                normalised[row + i] = (frames[row + i] - mean[i]) / std[i];
            }
        }
        projection.forward(gemm, normalised, 0, rows, out, outOffset);
    }
}

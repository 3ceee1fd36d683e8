package io.tagstream.model;

/**
 * The head: (pre-norm encoders only) a final LayerNorm, then a linear layer to one score per label and a softmax,
 * giving each frame a probability distribution over the label set.
 */
final class Classifier {

    private final LayerNorm finalNorm; // null for post-norm encoders, whose last block already ends in a LayerNorm
    private final Linear scores;       // [d, C]

    Classifier(EncoderWeights weights) {
        this.finalNorm = weights.finalNormGain() == null
                ? null : new LayerNorm(weights.finalNormGain(), weights.finalNormBias());
        this.scores = new Linear(weights.classifierWeight(), weights.classifierBias());
    }

    int labelCount() {
        return scores.outputs();
    }

    /**
     * {@code probabilities[rows, C]} for {@code hidden[rows, d]} (both from offset 0); {@code normed} holds
     * {@code [rows, d]} and may be {@code hidden} itself (which is then overwritten).
     */
    void probabilities(Gemm gemm, float[] hidden, int rows, float[] normed, float[] probabilities) {
        RowBlock features = RowBlock.of(hidden, 0, rows, scores.inputs());
        if (finalNorm != null) {
            RowBlock normedRows = RowBlock.of(normed, 0, rows, scores.inputs());
            finalNorm.apply(features, normedRows);
            features = normedRows;
        }
        scores.forward(gemm, features, RowBlock.of(probabilities, 0, rows, scores.outputs()));   // [rows, C] logits
        int labels = scores.outputs();
        for (int r = 0; r < rows; r++) {
            Softmax.inPlace(probabilities, r * labels, (r + 1) * labels, LaneKernels.fastest());
        }
    }
}

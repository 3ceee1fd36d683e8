package io.tagstream.model;

/**
 * Trained parameters of one encoder block ({@code d = modelDims}, {@code F = feedForwardDims},
 * {@code H = heads}, {@code W = L + R + 1}); see {@link WeightLayout} for the column conventions.
 *
 * @param attentionNormGain [d] LayerNorm gain around the attention sub-layer
 * @param attentionNormBias [d]
 * @param qkvWeight         [d, 3d] fused query/key/value projection
 * @param qkvBias           [3d]
 * @param outWeight         [d, d] projection of the concatenated head outputs
 * @param outBias           [d]
 * @param relativeBias      [H, W] learned bias per head and offset; {@code null} unless the encoder uses
 *                          {@link PositionEncoding#RELATIVE_BIAS}
 * @param additiveScore     [H, d_k] the {@code w} of {@code w · tanh(q + k)} per head; {@code null} unless the encoder
 *                          uses {@link AttentionScoring#ADDITIVE}
 * @param ffnNormGain       [d] LayerNorm gain around the feed-forward sub-layer
 * @param ffnNormBias       [d]
 * @param ffnUpWeight       [d, F]
 * @param ffnUpBias         [F]
 * @param ffnDownWeight     [F, d]
 * @param ffnDownBias       [d]
 */
public record BlockWeights(
        WeightTensor attentionNormGain,
        WeightTensor attentionNormBias,
        WeightTensor qkvWeight,
        WeightTensor qkvBias,
        WeightTensor outWeight,
        WeightTensor outBias,
        WeightTensor relativeBias,
        WeightTensor additiveScore,
        WeightTensor ffnNormGain,
        WeightTensor ffnNormBias,
        WeightTensor ffnUpWeight,
        WeightTensor ffnUpBias,
        WeightTensor ffnDownWeight,
        WeightTensor ffnDownBias) {
}

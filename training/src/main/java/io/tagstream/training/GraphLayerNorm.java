package io.tagstream.training;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

import io.tagstream.model.EncoderConfig;

/**
 * Layer normalisation of each row as SameDiff ops, the formula of the inference engine's {@code LayerNorm}:
 * {@code y = (x - mean(x)) / sqrt(var(x) + eps) * gain + bias}, biased variance (divided by the width),
 * {@code eps = }{@link EncoderConfig#LAYER_NORM_EPSILON}.
 */
final class GraphLayerNorm {

    private GraphLayerNorm() {
    }

    /** {@code [N, d] -> [N, d]} with {@code gain [d]} and {@code bias [d]}. */
    static SDVariable apply(SameDiff sd, SDVariable x, SDVariable gain, SDVariable bias) {
        SDVariable centred = x.sub(x.mean(true, 1));                                 // [N, d]
        SDVariable variance = sd.math().square(centred).mean(true, 1);               // [N, 1]
        SDVariable scale = sd.math().rsqrt(variance.add(EncoderConfig.LAYER_NORM_EPSILON));  // [N, 1]
        SDVariable normalised = BroadcastProduct.of(sd, centred, scale);          // [N, d]
        return BroadcastProduct.of(sd, normalised, gain).add(bias); // [N, d]
    }
}

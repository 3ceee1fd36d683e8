package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Configs and run-time options are validated when built, with messages naming the problem. */
class EncoderConfigTest {

    @Test
    void standardConfigHasTheDocumentedShape() {
        EncoderConfig config = EncoderConfig.standard(40, 4);
        assertEquals(32, config.headDims());
        assertEquals(new AttentionSpan(64, 2), config.trainedSpan());
        assertEquals(NormPlacement.PRE_NORM, config.normPlacement());
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 1));
        assertEquals(8, encoder.latencyFrames(), "N * R");
        assertEquals(264, encoder.contextFrames(), "N * (L + R)");
    }

    @Test
    void invalidConfigsAreRejectedWithTheReason() {
        assertInvalid("invalid encoder config: model dims 10 must be divisible by heads 4",
                () -> config(10, 4, PositionEncoding.RELATIVE_BIAS, 3, 0));
        assertInvalid("invalid encoder config: rotary position encoding needs an even head size, got 3",
                () -> config(6, 2, PositionEncoding.ROTARY, 3, 0));
        assertInvalid("invalid encoder config: left context L must be 1..65536, got 0",
                () -> config(8, 2, PositionEncoding.ROTARY, 0, 0));
        assertInvalid("invalid encoder config: right context R must be 0..65536, got -1",
                () -> config(8, 2, PositionEncoding.ROTARY, 2, -1));
        assertInvalid("invalid encoder config: heads must be 1..8, got 0",
                () -> config(8, 0, PositionEncoding.ROTARY, 2, 1));
        assertInvalid("invalid encoder config: position encoding is required",
                () -> config(8, 2, null, 2, 1));
    }

    @Test
    void runTimeSpanMustFitTheTrainedSpan() {
        EncoderWeights weights = EncoderWeights.random(config(8, 2, PositionEncoding.RELATIVE_BIAS, 4, 1), 2);
        InferenceOptions wider = InferenceOptions.defaults(weights.config()).withSpan(new AttentionSpan(5, 1));
        assertInvalid("attention span [-5, +1] exceeds the span the model was trained with [-4, +1]",
                () -> Encoder.create(weights, wider));
        assertInvalid("block rows must be 1..65536, got 0",
                () -> InferenceOptions.defaults(weights.config()).withBlockRows(0));
        Encoder narrower = Encoder.create(weights, InferenceOptions.defaults(weights.config())
                .withSpan(new AttentionSpan(2, 0)));
        assertEquals(0, narrower.latencyFrames());
        assertEquals(2 * 2, narrower.contextFrames());
    }

    @Test
    void weightsAreCheckedAgainstTheLayout() {
        EncoderConfig config = config(8, 2, PositionEncoding.ROTARY, 2, 1);
        EncoderWeights good = EncoderWeights.random(config, 3);
        var tensors = new java.util.LinkedHashMap<>(good.tensors());
        tensors.put("block1.attn.out.bias", WeightTensor.of(new float[7], 7));
        assertInvalid("tensor block1.attn.out.bias has shape [7], expected [8]",
                () -> EncoderWeights.of(config, good.inputMean(), good.inputStd(), tensors));
        tensors.remove("block1.attn.out.bias");
        assertInvalid("missing tensor block1.attn.out.bias",
                () -> EncoderWeights.of(config, good.inputMean(), good.inputStd(), tensors));
        var extra = new java.util.LinkedHashMap<>(good.tensors());
        extra.put("block0.attn.relative_bias", WeightTensor.of(new float[8], 2, 4));
        assertInvalid("unexpected tensor block0.attn.relative_bias for this encoder config",
                () -> EncoderWeights.of(config, good.inputMean(), good.inputStd(), extra));
        assertEquals(WeightLayout.parameterCount(config),
                good.tensors().values().stream().mapToLong(WeightTensor::size).sum());
    }

    private static EncoderConfig config(int modelDims, int heads, PositionEncoding position, int left, int right) {
        return new EncoderConfig(3, modelDims, heads, 16, 2, left, right, 4, position, NormPlacement.PRE_NORM,
                Activation.RELU);
    }

    private static void assertInvalid(String message, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertEquals(message, e.getMessage());
    }
}

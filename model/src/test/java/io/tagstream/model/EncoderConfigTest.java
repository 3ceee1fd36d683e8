package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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
    void aFrontEndAddsItsLookaheadAndReceptiveFieldAndWidensTheInputProjection() {
        FrontEnd front = FrontEnd.of(new ConvLayerSpec(16, 3, 3, 2, 1), new ConvLayerSpec(16, 4, 5, 2, 1));
        EncoderConfig config = EncoderConfig.standard(40, 4).withFrontEnd(front);
        assertEquals(10 * 16, config.projectionInputDims(), "40 bins -> 20 -> 10, times 16 channels");
        assertEquals(2, front.rightContext());
        assertEquals(1 + 2, front.leftContext());
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 1));
        assertEquals(2 + 8, encoder.latencyFrames(), "sum r + N * R");
        assertEquals(264 + 5, encoder.contextFrames(), "N * (L + R) + sum (kernelTime - 1)");
        assertEquals(FrontEnd.NONE, EncoderConfig.standard(40, 4).frontEnd(), "the standard encoder has none");
        assertEquals(EncoderConfig.standard(40, 4), config.withFrontEnd(FrontEnd.NONE));
    }

    @Test
    void frontEndsWithTooMuchLookaheadOrBadKernelsAreRejected() {
        EncoderConfig base = new EncoderConfig(3, 8, 2, 16, 2, 4, 9, 4, PositionEncoding.ROTARY,
                NormPlacement.PRE_NORM, Activation.RELU);
        assertInvalid("invalid encoder config: lookahead of 21 frames (front end 3 + 2 layers x R 9) exceeds 20 frames "
                + "(200 ms)", () -> base.withFrontEnd(FrontEnd.of(new ConvLayerSpec(4, 3, 3, 1, 2),
                        new ConvLayerSpec(4, 2, 3, 1, 1))));
        assertEquals(20, Encoder.create(EncoderWeights.random(base.withFrontEnd(FrontEnd.of(
                new ConvLayerSpec(4, 3, 3, 1, 2))), 1)).latencyFrames(), "exactly 20 frames is allowed");
        assertEquals(30, Encoder.create(EncoderWeights.random(base.withSpan(4, 15), 1)).latencyFrames(),
                "without a front end the limit does not apply: older configs stay valid");
        assertInvalid("invalid front-end conv layer: kernelFreq must be odd (same padding in frequency) and 1..31, "
                + "got 4", () -> new ConvLayerSpec(4, 3, 4, 1, 0));
        assertInvalid("invalid front-end conv layer: rightContext must be 0..kernelTime-1 = 0..2, got 3",
                () -> new ConvLayerSpec(4, 3, 3, 1, 3));
        assertInvalid("invalid front-end conv layer: rightContext must be 0..kernelTime-1 = 0..2, got -1",
                () -> new ConvLayerSpec(4, 3, 3, 1, -1));
        assertInvalid("invalid front-end conv layer: kernelTime must be 1..31, got 0",
                () -> new ConvLayerSpec(4, 0, 3, 1, 0));
        assertInvalid("invalid front-end conv layer: strideFreq must be 1 or 2, got 3",
                () -> new ConvLayerSpec(4, 3, 3, 3, 0));
        assertInvalid("invalid front-end conv layer: channels must be 1..256, got 0",
                () -> new ConvLayerSpec(0, 3, 3, 1, 0));
        ConvLayerSpec conv = new ConvLayerSpec(2, 1, 1, 1, 0);
        assertInvalid("invalid front end: at most 3 conv layers, got 4", () -> FrontEnd.of(conv, conv, conv, conv));
        assertInvalid("invalid encoder config: front end is required (FrontEnd.NONE for none)",
                () -> base.withFrontEnd(null));
        assertInvalid("invalid encoder config: front-end output of 50 bins x 256 channels = 12800 values per frame "
                + "exceeds 8192", () -> new EncoderConfig(100, 8, 2, 16, 2, 4, 1, 4, PositionEncoding.ROTARY,
                        NormPlacement.PRE_NORM, Activation.RELU).withFrontEnd(FrontEnd.of(
                                new ConvLayerSpec(256, 1, 1, 2, 0))));
    }

    @Test
    void aConvOnlyModelHasNoBlocksAndCountsItsFrontEndAlone() {
        EncoderConfig config = TestModels.convOnly91();
        assertEquals(0, config.layers());
        assertEquals(10 * 16, config.projectionInputDims(), "40 bins -> 20 -> 10 -> 10, times 16 channels");
        assertEquals(70, config.frontEnd().leftContext(), "23 + 23 + 24");
        assertEquals(20, config.frontEnd().rightContext(), "7 + 7 + 6: exactly the 200 ms allowed");
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 1));
        assertEquals(20, encoder.latencyFrames(), "sum r (+ 0 layers x R)");
        assertEquals(90, encoder.contextFrames(), "sum (kernelTime - 1) (+ 0 layers x (L + R)): 91 frames seen");
        assertEquals(List.of("frontend.conv0.weight", "frontend.conv0.bias", "frontend.conv1.weight",
                "frontend.conv1.bias", "frontend.conv2.weight", "frontend.conv2.bias", "input.weight", "input.bias",
                "final_norm.gain", "final_norm.bias", "classifier.weight", "classifier.bias"),
                List.copyOf(WeightLayout.of(config).keySet()), "no block tensors; pre-norm keeps the final norm");
        assertEquals(List.of("frontend.conv0.weight", "frontend.conv0.bias", "frontend.conv1.weight",
                "frontend.conv1.bias", "frontend.conv2.weight", "frontend.conv2.bias", "input.weight", "input.bias",
                "classifier.weight", "classifier.bias"), List.copyOf(WeightLayout.of(config.withArchitecture(
                        PositionEncoding.ROTARY, NormPlacement.POST_NORM, Activation.RELU)).keySet()),
                "post-norm has no final norm, with or without blocks");
        assertEquals(List.of(), encoder.newStream().latestAttention());
    }

    @Test
    void zeroLayersNeedAFrontEndAndTheAttentionFieldsAreStillValidated() {
        EncoderConfig convOnly = TestModels.convOnly91();
        assertInvalid("invalid encoder config: layers must be 1..64, or 0 with a convolutional front end, got 0",
                () -> config(8, 2, PositionEncoding.ROTARY, 2, 1).withLayers(0));
        assertInvalid("invalid encoder config: layers must be 1..64, or 0 with a convolutional front end, got 0",
                () -> convOnly.withFrontEnd(FrontEnd.NONE));
        assertInvalid("invalid encoder config: layers must be 1..64, or 0 with a convolutional front end, got -1",
                () -> convOnly.withLayers(-1));
        assertInvalid("invalid encoder config: layers must be 1..64, or 0 with a convolutional front end, got 65",
                () -> config(8, 2, PositionEncoding.ROTARY, 2, 1).withLayers(65));
        assertInvalid("invalid encoder config: lookahead of 22 frames (front end 20 + 1 layers x R 2) exceeds 20 "
                + "frames (200 ms)", () -> convOnly.withLayers(1));
        assertInvalid("invalid encoder config: lookahead of 21 frames (front end 21, no attention blocks) exceeds 20 "
                + "frames (200 ms)", () -> convOnly.withFrontEnd(FrontEnd.of(new ConvLayerSpec(4, 31, 3, 2, 7),
                        new ConvLayerSpec(4, 31, 3, 2, 7), new ConvLayerSpec(4, 31, 3, 1, 7))));
        assertInvalid("invalid encoder config: model dims 16 must be divisible by heads 3",
                () -> new EncoderConfig(40, 16, 3, 32, 0, 8, 2, 4, PositionEncoding.RELATIVE_BIAS,
                        NormPlacement.PRE_NORM, Activation.RELU, AttentionScoring.DOT_PRODUCT, convOnly.frontEnd()));
        assertInvalid("invalid encoder config: left context L must be 1..65536, got 0",
                () -> convOnly.withSpan(0, 2));
        assertEquals(20, Encoder.create(EncoderWeights.random(convOnly.withSpan(500, 500), 1)).latencyFrames(),
                "L and R are unused without blocks: neither latency nor the lookahead limit sees R");
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

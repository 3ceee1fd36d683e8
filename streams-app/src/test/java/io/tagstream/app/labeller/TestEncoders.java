package io.tagstream.app.labeller;

import java.util.List;

import io.tagstream.features.FeatureSpec;
import io.tagstream.model.Activation;
import io.tagstream.model.ConvLayerSpec;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.FrontEnd;
import io.tagstream.model.InferenceOptions;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;

/**
 * A small real encoder (seeded random weights) for the app's tests: 2 layers, L = 8, R = 1, rotary positions as in
 * the shipped default model, on the app's row-invariant engine ({@link ModelLabellers#GEMM}), so its outputs are bit-identical however frames are
 * batched, which replay determinism after a fail-over needs.
 */
public final class TestEncoders {

    public static final List<String> LABELS = List.of("silence", "speech", "music", "noise");

    private TestEncoders() {
    }

    public static Encoder small(long seed) {
        EncoderConfig config = new EncoderConfig(FeatureSpec.DEFAULT.dims(), 32, 2, 64, 2, 8, 1, LABELS.size(),
                PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU);
        return Encoder.create(EncoderWeights.random(config, seed),
                InferenceOptions.defaults(config).withGemm(ModelLabellers.GEMM));
    }

    public static EncoderLabeller labeller(long seed) {
        return new EncoderLabeller(small(seed), FeatureSpec.DEFAULT, LABELS, "test-encoder-" + seed);
    }

    /**
     * The small encoder behind a convolutional front end: 4 channels of 3x3 kernels with stride 2 and one frame of
     * lookahead, then 4 channels of 2x3 causal kernels (40 bins -> 20 -> 20, times 4 channels into the projection):
     * 3 frames more context (the kernels' kT - 1: 2 + 1) and 1 more of latency than {@link #small}.
     */
    public static Encoder withFrontEnd(long seed) {
        EncoderConfig config = small(seed).config().withFrontEnd(FrontEnd.of(new ConvLayerSpec(4, 3, 3, 2, 1),
                new ConvLayerSpec(4, 2, 3, 1, 0)));
        return Encoder.create(EncoderWeights.random(config, seed),
                InferenceOptions.defaults(config).withGemm(ModelLabellers.GEMM));
    }

    public static EncoderLabeller labellerWithFrontEnd(long seed) {
        return new EncoderLabeller(withFrontEnd(seed), FeatureSpec.DEFAULT, LABELS, "test-conv-encoder-" + seed);
    }

    /**
     * A convolutional front end alone, no attention blocks (front end, input projection, final LayerNorm, classifier):
     * 4 channels of 9x3 kernels with stride 2 and two frames of lookahead, then 4 channels of 9x3 kernels with one
     * (40 bins -> 20 -> 20, times 4 channels): 16 frames of context (more than a chunk of the tests) and 3 of latency.
     */
    public static Encoder convOnly(long seed) {
        EncoderConfig config = small(seed).config().withFrontEnd(FrontEnd.of(new ConvLayerSpec(4, 9, 3, 2, 2),
                new ConvLayerSpec(4, 9, 3, 1, 1))).withLayers(0);
        return Encoder.create(EncoderWeights.random(config, seed),
                InferenceOptions.defaults(config).withGemm(ModelLabellers.GEMM));
    }

    public static EncoderLabeller labellerConvOnly(long seed) {
        return new EncoderLabeller(convOnly(seed), FeatureSpec.DEFAULT, LABELS, "test-conv-only-" + seed);
    }
}

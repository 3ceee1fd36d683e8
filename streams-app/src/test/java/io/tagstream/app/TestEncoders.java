package io.tagstream.app;

import java.util.List;

import io.tagstream.features.FeatureSpec;
import io.tagstream.model.Activation;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.GemmChoice;
import io.tagstream.model.InferenceOptions;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;

/**
 * A small real encoder (seeded random weights) for the app's tests: 2 layers, L = 8, R = 1, rotary positions as in
 * the shipped default model, deterministic (row-invariant) GEMM, so its outputs are bit-identical however frames are
 * batched, which replay determinism after a fail-over needs.
 */
final class TestEncoders {

    static final List<String> LABELS = List.of("silence", "speech", "music", "noise");

    private TestEncoders() {
    }

    static Encoder small(long seed) {
        EncoderConfig config = new EncoderConfig(FeatureSpec.DEFAULT.dims(), 32, 2, 64, 2, 8, 1, LABELS.size(),
                PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU);
        return Encoder.create(EncoderWeights.random(config, seed),
                InferenceOptions.defaults(config).withGemm(GemmChoice.JAVA));
    }

    static EncoderLabeller labeller(long seed) {
        return new EncoderLabeller(small(seed), FeatureSpec.DEFAULT, LABELS, "test-encoder-" + seed);
    }
}

package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ND4J/Java offline path against the double-precision oracle, over random architectures and weights. */
class EncoderVsReferenceTest {

    private static final double TOLERANCE = 1e-4;

    @Test
    void offlineProbabilitiesMatchOracleForRandomModelsBlockSizesAndGemms() {
        Random random = new Random(2024);
        GemmChoice[] gemms = GemmChoice.values();
        for (int trial = 0; trial < 40; trial++) {
            EncoderConfig config = TestModels.randomConfig(random);
            EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
            float[][] frames = TestModels.randomFrames(random, 1 + random.nextInt(40), config.inputDims());
            double[][] expected = new ReferenceEncoder(weights).run(frames).probabilities();
            int blockRows = new int[] {1, 2, 3, 7, 256}[random.nextInt(5)];
            GemmChoice gemm = gemms[trial % gemms.length];
            Encoder encoder = Encoder.create(weights, InferenceOptions.defaults(config).withBlockRows(blockRows)
                    .withGemm(gemm));
            float[][] actual = encoder.probabilities(frames);
            double diff = TestModels.maxAbsDiff(actual, expected);
            assertTrue(diff <= TOLERANCE, "trial " + trial + " " + config + " T=" + frames.length + " block "
                    + blockRows + " " + gemm + ": max diff " + diff);
        }
    }

    @Test
    void frontEndModelsMatchOracleForRandomFrontEndsBlockSizesAndGemms() {
        Random random = new Random(2025);
        GemmChoice[] gemms = GemmChoice.values();
        for (int trial = 0; trial < 30; trial++) {
            EncoderConfig config = TestModels.randomConfigWithFrontEnd(random);
            EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
            float[][] frames = TestModels.randomFrames(random, 1 + random.nextInt(40), config.inputDims());
            double[][] expected = new ReferenceEncoder(weights).run(frames).probabilities();
            int blockRows = new int[] {1, 2, 3, 7, 256}[random.nextInt(5)];
            Encoder encoder = Encoder.create(weights, InferenceOptions.defaults(config).withBlockRows(blockRows)
                    .withGemm(gemms[trial % gemms.length]));
            double diff = TestModels.maxAbsDiff(encoder.probabilities(frames), expected);
            assertTrue(diff <= TOLERANCE, "trial " + trial + " " + config + " T=" + frames.length + " block "
                    + blockRows + ": max diff " + diff);
        }
    }

    @Test
    void convOnlyModelsMatchOracleForRandomFrontEndsBlockSizesAndGemms() {
        Random random = new Random(2026);
        GemmChoice[] gemms = GemmChoice.values();
        for (int trial = 0; trial < 30; trial++) {
            EncoderConfig config = TestModels.randomConvOnlyConfig(random);
            EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
            assertTrue(weights.blocks().isEmpty());
            float[][] frames = TestModels.randomFrames(random, 1 + random.nextInt(40), config.inputDims());
            ReferenceEncoder.Result reference = new ReferenceEncoder(weights).run(frames);
            assertEquals(0, reference.attention().length, "the oracle runs no attention layer");
            int blockRows = new int[] {1, 2, 3, 7, 256}[random.nextInt(5)];
            Encoder encoder = Encoder.create(weights, InferenceOptions.defaults(config).withBlockRows(blockRows)
                    .withGemm(gemms[trial % gemms.length]));
            double diff = TestModels.maxAbsDiff(encoder.probabilities(frames), reference.probabilities());
            assertTrue(diff <= TOLERANCE, "trial " + trial + " " + config + " T=" + frames.length + " block "
                    + blockRows + ": max diff " + diff);
            assertEquals(List.of(), encoder.attention(frames, frames.length - 1), "no attention to read out");
        }
    }

    @Test
    void emptyRecordingGivesNoFrames() {
        EncoderConfig config = EncoderConfig.standard(5, 4);
        assertEquals(0, Encoder.create(EncoderWeights.random(config, 1)).probabilities(new float[0][]).length);
    }

    @Test
    void narrowerRunTimeSpanMatchesOracleWithThatSpan() {
        Random random = new Random(77);
        for (int trial = 0; trial < 10; trial++) {
            EncoderConfig config = TestModels.randomConfig(random).withSpan(4 + random.nextInt(3), 2 + random.nextInt(2));
            EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
            AttentionSpan span = new AttentionSpan(1 + random.nextInt(config.leftContext()),
                    random.nextInt(config.rightContext() + 1));
            float[][] frames = TestModels.randomFrames(random, 25, config.inputDims());
            double[][] expected = new ReferenceEncoder(weights, span).run(frames).probabilities();
            Encoder encoder = Encoder.create(weights, InferenceOptions.defaults(config).withSpan(span).withBlockRows(4));
            double diff = TestModels.maxAbsDiff(encoder.probabilities(frames), expected);
            assertTrue(diff <= TOLERANCE, "span " + span + " of " + config + ": " + diff);
        }
    }

    @Test
    void attentionReadoutMatchesOracleSumsToOneAndIsZeroOutsideTheExistingKeys() {
        Random random = new Random(5);
        for (int trial = 0; trial < 12; trial++) {
            EncoderConfig config = TestModels.randomConfig(random);
            EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
            int t = 1 + random.nextInt(20);
            float[][] frames = TestModels.randomFrames(random, t, config.inputDims());
            ReferenceEncoder.Result reference = new ReferenceEncoder(weights).run(frames);
            Encoder encoder = Encoder.create(weights, InferenceOptions.defaults(config).withBlockRows(3));
            for (int frame : new int[] {0, t / 2, t - 1}) {
                List<LayerAttention> layers = encoder.attention(frames, frame);
                assertEquals(config.layers(), layers.size());
                for (LayerAttention layer : layers) {
                    assertEquals(frame, layer.frame());
                    for (int h = 0; h < config.heads(); h++) {
                        double sum = 0;
                        for (int offset = -config.leftContext(); offset <= config.rightContext(); offset++) {
                            int s = frame + offset;
                            float w = layer.weight(h, offset);
                            if (s < 0 || s >= t) {
                                assertEquals(0f, w, 0f, "no key at offset " + offset + ": weight must be exactly 0");
                            } else {
                                assertEquals(reference.attention()[layer.layer()][h][frame][s], w, 1e-5,
                                        "layer " + layer.layer() + " head " + h + " offset " + offset);
                            }
                            sum += w;
                        }
                        assertEquals(1.0, sum, 1e-5, "weights of a frame sum to 1");
                    }
                }
            }
        }
    }

    @Test
    void oracleAttentionRowsSumToOneAndMaskedKeysGetExactlyZero() {
        Random random = new Random(6);
        EncoderConfig config = TestModels.randomConfig(random).withSpan(2, 1);
        EncoderWeights weights = EncoderWeights.random(config, 1);
        double[][][][] attention = new ReferenceEncoder(weights).run(TestModels.randomFrames(random, 9,
                config.inputDims())).attention();
        for (double[][][] layer : attention) {
            for (double[][] head : layer) {
                for (int t = 0; t < head.length; t++) {
                    double sum = 0;
                    for (int s = 0; s < head.length; s++) {
                        if (s < t - 2 || s > t + 1) {
                            assertEquals(0.0, head[t][s], 0.0);
                        }
                        sum += head[t][s];
                    }
                    assertEquals(1.0, sum, 1e-12);
                }
            }
        }
    }
}

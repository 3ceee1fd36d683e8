package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.model.Activation;
import io.tagstream.model.Encoder;
import io.tagstream.model.AttentionScoring;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The SameDiff training graph computes what the inference engine computes: for random weights and for weights after
 * five Adam steps, both position encodings, both norm placements and both activations, with and without a
 * convolutional front end (zero padding at a crop's edges = a recording's edges) and for the front end alone (no
 * attention blocks), the graph's probabilities of each crop equal {@link Encoder#probabilities} (offline) on that
 * crop as a recording, and the streaming path fed in random chunks, within 1e-4 (observed: about 2e-7).
 */
class GraphEquivalenceTest {

    private static final double TOLERANCE = 1e-4;

    @Test
    void graphEqualsOfflineAndStreamingForEveryArchitecture() {
        Random random = new Random(41);
        for (PositionEncoding position : PositionEncoding.values()) {
            for (NormPlacement norm : NormPlacement.values()) {
                for (Activation activation : Activation.values()) {
                    EncoderConfig config = new EncoderConfig(6, 16, 4, 24, 2, 5, 2, 4, position, norm, activation);
                    EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
                    assertGraphMatchesEncoder(weights, 23, random, config.toString());
                }
            }
        }
    }

    @Test
    void additiveScoringGraphEqualsOfflineAndStreamingForEveryPositionEncoding() {
        Random random = new Random(43);
        for (PositionEncoding position : PositionEncoding.values()) {
            for (NormPlacement norm : NormPlacement.values()) {
                EncoderConfig config = new EncoderConfig(6, 16, 4, 24, 2, 5, 2, 4, position, norm, Activation.RELU)
                        .withScoring(AttentionScoring.ADDITIVE);
                EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
                assertGraphMatchesEncoder(weights, 23, random, config.toString());
            }
        }
    }

    @Test
    void frontEndGraphEqualsOfflineAndStreamingForEveryPositionEncodingAndNormPlacement() {
        Random random = new Random(44);
        for (PositionEncoding position : PositionEncoding.values()) {
            for (NormPlacement norm : NormPlacement.values()) {
                EncoderConfig config = new EncoderConfig(6, 16, 4, 24, 2, 5, 2, 4, position, norm, Activation.RELU)
                        .withFrontEnd(Fixtures.FRONT_END);
                EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
                assertGraphMatchesEncoder(weights, 23, random, config.toString());
            }
        }
    }

    @Test
    void frontEndGraphEqualsOfflineAndStreamingAfterTrainingSteps() {
        Random random = new Random(45);
        EncoderConfig config = new EncoderConfig(6, 16, 4, 24, 2, 5, 2, 4, PositionEncoding.ROTARY,
                NormPlacement.PRE_NORM, Activation.GELU).withFrontEnd(Fixtures.FRONT_END);
        LabelledClip clip = clip(random, config);
        EncoderWeights initial = InitialWeights.of(config, FeatureStatistics.of(List.of(clip)), 3);
        EncoderGraph graph = EncoderGraph.build(initial, 23, DataType.FLOAT);
        AdamOptimizer adam = new AdamOptimizer(graph, 0.05, 1, null);
        CropSampler sampler = new CropSampler(List.of(clip), 23, 4,
                new ClassWeights(new double[] {1, 1, 1, 1}), config.labelCount(), FeatureAugmentation.NONE);
        for (int step = 0; step < 5; step++) {
            adam.step(sampler.batch(7, step), 1);
        }
        EncoderWeights trained = graph.weights();
        for (String name : List.of("frontend.conv0.weight", "frontend.conv1.bias")) {
            float[] before = initial.tensors().get(name).toArray();
            float[] after = trained.tensors().get(name).toArray();
            double moved = 0;
            for (int i = 0; i < before.length; i++) {
                moved = Math.max(moved, Math.abs(after[i] - before[i]));
            }
            assertTrue(moved > 0.01, name + " is trained (moved " + moved + ")");
        }
        assertGraphMatchesEncoder(trained, 23, random, "trained " + config);
    }

    @Test
    void convOnlyGraphEqualsOfflineAndStreamingForBothNormPlacementsAndAfterTrainingSteps() {
        Random random = new Random(46);
        for (NormPlacement norm : NormPlacement.values()) {
            EncoderConfig config = new EncoderConfig(6, 16, 4, 24, 2, 5, 2, 4, PositionEncoding.ROTARY, norm,
                    Activation.RELU).withFrontEnd(Fixtures.FRONT_END).withLayers(0);
            assertGraphMatchesEncoder(EncoderWeights.random(config, random.nextLong()), 23, random,
                    config.toString());

            LabelledClip clip = clip(random, config);
            EncoderWeights initial = InitialWeights.of(config, FeatureStatistics.of(List.of(clip)), 5);
            EncoderGraph graph = EncoderGraph.build(initial, 23, DataType.FLOAT);
            assertTrue(graph.parameterNames().stream().noneMatch(name -> name.startsWith("block")), "no blocks");
            AdamOptimizer adam = new AdamOptimizer(graph, 0.05, 1, null);
            CropSampler sampler = new CropSampler(List.of(clip), 23, 4,
                    new ClassWeights(new double[] {1, 1, 1, 1}), config.labelCount(), FeatureAugmentation.NONE);
            for (int step = 0; step < 5; step++) {
                adam.step(sampler.batch(9, step), 1);
            }
            EncoderWeights trained = graph.weights();
            assertTrue(AdamOptimizerTest.maxDifference(trained, initial) > 0.01, "training moved the weights");
            assertGraphMatchesEncoder(trained, 23, random, "trained " + config);
        }
    }

    @Test
    void graphEqualsOfflineAndStreamingAfterTrainingSteps() {
        Random random = new Random(42);
        for (PositionEncoding position : PositionEncoding.values()) {
            for (NormPlacement norm : NormPlacement.values()) {
                EncoderConfig config = new EncoderConfig(6, 16, 4, 24, 2, 5, 2, 4, position, norm, Activation.GELU);
                EncoderWeights initial = EncoderWeights.random(config, random.nextLong());
                EncoderGraph graph = EncoderGraph.build(initial, 23, DataType.FLOAT);
                AdamOptimizer adam = new AdamOptimizer(graph, 0.05, 1, null);
                CropSampler sampler = new CropSampler(List.of(clip(random, config)), 23, 4,
                        new ClassWeights(new double[] {1, 1, 1, 1}), config.labelCount(), FeatureAugmentation.NONE);
                for (int step = 0; step < 5; step++) {
                    adam.step(sampler.batch(7, step), 1);
                }
                EncoderWeights trained = graph.weights();
                assertTrue(AdamOptimizerTest.maxDifference(trained, initial) > 0.1, "training moved the weights");
                assertGraphMatchesEncoder(trained, 23, random, "trained " + config);
            }
        }
    }

    private static LabelledClip clip(Random random, EncoderConfig config) {
        int[] targets = new int[80];
        for (int t = 0; t < targets.length; t++) {
            targets[t] = (t / 10) % config.labelCount();
        }
        return new LabelledClip("clip", Fixtures.frames(random, targets.length, config.inputDims()), targets);
    }

    static void assertGraphMatchesEncoder(EncoderWeights weights, int frames, Random random, String what) {
        EncoderGraph graph = EncoderGraph.build(weights, frames, DataType.FLOAT);
        float[][][] crops = new float[3][][];
        for (int b = 0; b < crops.length; b++) {
            crops[b] = Fixtures.frames(random, frames, weights.config().inputDims());
        }
        float[][][] fromGraph = graph.probabilities(crops);
        try (Encoder encoder = Encoder.create(weights)) {
            for (int b = 0; b < crops.length; b++) {
                double offline = Fixtures.maxAbsDiff(fromGraph[b], encoder.probabilities(crops[b]));
                double streaming = Fixtures.maxAbsDiff(fromGraph[b], Fixtures.streamed(encoder, crops[b], random, 7));
                assertTrue(offline <= TOLERANCE, what + " crop " + b + ": graph vs offline differ by " + offline);
                assertTrue(streaming <= TOLERANCE, what + " crop " + b + ": graph vs streaming differ by " + streaming);
            }
        }
    }
}

package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tagstream.model.Activation;
import io.tagstream.model.AttentionScoring;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backpropagation through every part of the training graph written here (layer norm, GELU, rotary positions, banded
 * attention with its mask and learned relative bias, the front end's padded convolutions, the weighted cross-entropy)
 * and through the whole encoder graph (both position encodings, both norm placements, with a front end, and the front
 * end alone) agrees with central finite differences in double precision to a relative error of 1e-6 (see
 * {@link FiniteDifferences}).
 */
class GradientCheckTest {

    private static final int SAMPLES = 5;

    @Test
    void wholeGraphForEveryPositionEncodingAndNormPlacement() {
        Random random = new Random(51);
        for (PositionEncoding position : PositionEncoding.values()) {
            for (NormPlacement norm : NormPlacement.values()) {
                checkWholeGraph(Fixtures.tiny(position, norm, Activation.GELU), random);
            }
        }
    }

    @Test
    void wholeGraphWithAdditiveScoringForEveryPositionEncoding() {
        Random random = new Random(57);
        for (PositionEncoding position : PositionEncoding.values()) {
            EncoderGraph graph = checkWholeGraph(Fixtures.tiny(position, NormPlacement.PRE_NORM, Activation.GELU)
                    .withScoring(AttentionScoring.ADDITIVE), random);
            assertEquals(2, graph.parameterNames().stream().filter(n -> n.endsWith("attn.additive")).count(),
                    "each block's w is a trained parameter, and checked");
        }
    }

    @Test
    void wholeGraphWithAFrontEndForEveryPositionEncoding() {
        Random random = new Random(58);
        for (PositionEncoding position : PositionEncoding.values()) {
            EncoderGraph graph = checkWholeGraph(Fixtures.tiny(position, NormPlacement.PRE_NORM, Activation.GELU)
                    .withFrontEnd(Fixtures.FRONT_END), random);
            assertEquals(4, graph.parameterNames().stream().filter(n -> n.startsWith("frontend.")).count(),
                    "both conv layers' weights and biases are trained parameters, and checked");
        }
    }

    @Test
    void wholeConvOnlyGraphForBothNormPlacements() {
        Random random = new Random(60);
        for (NormPlacement norm : NormPlacement.values()) {
            EncoderGraph graph = checkWholeGraph(Fixtures.tinyConvOnly(norm), random);
            List<String> head = norm == NormPlacement.PRE_NORM
                    ? List.of("final_norm.gain", "final_norm.bias", "classifier.weight", "classifier.bias")
                    : List.of("classifier.weight", "classifier.bias");
            List<String> expected = new ArrayList<>(List.of("frontend.conv0.weight", "frontend.conv0.bias",
                    "frontend.conv1.weight", "frontend.conv1.bias", "input.weight", "input.bias"));
            expected.addAll(head);
            assertEquals(expected, graph.parameterNames(), "every parameter checked: no blocks");
        }
    }

    @Test
    void frontEndConvolutionsWithTheirPadding() {
        Random random = new Random(59);
        EncoderConfig config = Fixtures.tiny(PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.RELU)
                .withFrontEnd(Fixtures.FRONT_END);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", gaussian(random, 2, 6, config.inputDims()));                   // [B, T, I]
        List<String> names = new ArrayList<>(List.of("x"));
        EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
        for (String name : weights.tensors().keySet()) {
            if (name.startsWith("frontend.")) {
                sd.var(name, EncoderGraph.toArray(weights.tensors().get(name), DataType.DOUBLE));
                names.add(name);
            }
        }
        weightedSum(sd, GraphFrontEnd.apply(sd, config, 6, x), random);
        FiniteDifferences.check(sd, "loss", Map.of(), names, 30, random);
    }

    /** Finite differences of every parameter of {@code config}'s graph (a few entries each) match its gradients. */
    private static EncoderGraph checkWholeGraph(EncoderConfig config, Random random) {
        EncoderGraph graph = EncoderGraph.build(EncoderWeights.random(config, random.nextLong()), 7, DataType.DOUBLE);
        Map<String, INDArray> batch = Map.of(
                EncoderGraph.FEATURES, features(random, 2, 7, config.inputDims()),
                EncoderGraph.TARGETS, targets(random, 14, config.labelCount()));
        int checked = FiniteDifferences.check(graph.sameDiff(), EncoderGraph.LOSS, batch, graph.parameterNames(),
                SAMPLES, random);
        assertEquals(SAMPLES * graph.parameterNames().size() - smallTensorShortfall(graph), checked);
        return graph;
    }

    @Test
    void layerNorm() {
        Random random = new Random(52);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", gaussian(random, 4, 6));
        SDVariable gain = sd.var("gain", gaussian(random, 6).addi(1.0));
        SDVariable bias = sd.var("bias", gaussian(random, 6));
        weightedSum(sd, GraphLayerNorm.apply(sd, x, gain, bias), random);
        FiniteDifferences.check(sd, "loss", Map.of(), List.of("x", "gain", "bias"), 24, random);
    }

    @Test
    void gelu() {
        Random random = new Random(53);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", gaussian(random, 5, 7).muli(2.0));
        weightedSum(sd, GraphActivation.apply(sd, Activation.GELU, x), random);
        FiniteDifferences.check(sd, "loss", Map.of(), List.of("x"), 35, random);
    }

    @Test
    void rotary() {
        Random random = new Random(54);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", gaussian(random, 2 * 9, 8));            // [B*T, d], B = 2, T = 9
        GraphRotary rotary = new GraphRotary(sd, 9, 2, 4, DataType.DOUBLE);
        weightedSum(sd, rotary.rotate(sd, x), random);
        FiniteDifferences.check(sd, "loss", Map.of(), List.of("x"), 40, random);
    }

    @Test
    void attentionWithBandMaskAndRelativeBias() {
        Random random = new Random(55);
        EncoderConfig config = Fixtures.tiny(PositionEncoding.RELATIVE_BIAS, NormPlacement.PRE_NORM, Activation.GELU);
        SameDiff sd = SameDiff.create();
        SDVariable qkv = sd.var("qkv", gaussian(random, 2 * 8, 3 * config.modelDims()));           // [B*T, 3d]
        SDVariable bias = sd.var("bias", gaussian(random, config.heads(), config.trainedSpan().width()));
        GraphAttention attention = new GraphAttention(sd, config, 8, DataType.DOUBLE);
        weightedSum(sd, attention.apply(sd, qkv, bias, null), random);
        FiniteDifferences.check(sd, "loss", Map.of(), List.of("qkv", "bias"), 40, random);
    }

    @Test
    void attentionWithRotaryPositions() {
        Random random = new Random(56);
        EncoderConfig config = Fixtures.tiny(PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU);
        SameDiff sd = SameDiff.create();
        SDVariable qkv = sd.var("qkv", gaussian(random, 2 * 8, 3 * config.modelDims()));
        GraphAttention attention = new GraphAttention(sd, config, 8, DataType.DOUBLE);
        weightedSum(sd, attention.apply(sd, qkv, null, null), random);
        FiniteDifferences.check(sd, "loss", Map.of(), List.of("qkv"), 40, random);
    }

    @Test
    void weightedCrossEntropy() {
        Random random = new Random(57);
        SameDiff sd = SameDiff.create();
        SDVariable logits = sd.var("logits", gaussian(random, 6, 4).muli(3.0));
        SDVariable targets = sd.constant("targets", targets(random, 6, 4));
        GraphLoss.weightedCrossEntropy(sd, "loss", logits, targets);
        sd.setLossVariables("loss");
        FiniteDifferences.check(sd, "loss", Map.of(), List.of("logits"), 24, random);
    }

    /** {@code loss = sum(output * R)} with a fixed random R, so every output element has its own weight. */
    private static void weightedSum(SameDiff sd, SDVariable output, Random random) {
        INDArray shape = output.eval();
        SDVariable weights = sd.constant("loss_weights", gaussian(random, shape.shape()));
        output.mul(weights).sum("loss");
        sd.setLossVariables("loss");
    }

    private static INDArray gaussian(Random random, long... shape) {
        INDArray array = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < array.length(); i++) {
            array.putScalar(i, random.nextGaussian());
        }
        return array;
    }

    private static INDArray features(Random random, int crops, int frames, int dims) {
        return gaussian(random, crops, frames, dims).muli(2.0).addi(1.0);
    }

    /** Class-weighted one-hot targets of random labels (some frames unlabelled), summing to 1. */
    private static INDArray targets(Random random, int rows, int labels) {
        INDArray targets = Nd4j.create(DataType.DOUBLE, rows, labels);
        for (int r = 0; r < rows; r++) {
            if (random.nextInt(5) > 0) {
                targets.putScalar(r, random.nextInt(labels), 0.5 + random.nextDouble());
            }
        }
        return targets.divi(targets.sumNumber());
    }

    /** Entries missing from the samples because a tensor has fewer than SAMPLES values. */
    private static int smallTensorShortfall(EncoderGraph graph) {
        int shortfall = 0;
        for (String name : graph.parameterNames()) {
            shortfall += (int) Math.max(0, SAMPLES - graph.sameDiff().getArrForVarName(name).length());
        }
        return shortfall;
    }
}

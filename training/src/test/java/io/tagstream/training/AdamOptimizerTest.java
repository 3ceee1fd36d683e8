package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.model.Activation;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import io.tagstream.model.WeightTensor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Our training step is ND4J's: three steps of {@link AdamOptimizer} give the weights that SameDiff's own
 * {@code fit} with an Adam {@link TrainingConfig} gives on the same batches (within 1e-6), the reported loss is the
 * batch's loss before the update, and Adam's state restores exactly (continuing from a saved state equals never
 * stopping, bit for bit).
 */
class AdamOptimizerTest {

    private static final double LEARNING_RATE = 0.01;

    @Test
    void stepsEqualSameDiffFitWithAdam() {
        EncoderWeights start = EncoderWeights.random(config(), 61);
        List<Batch> batches = batches(start.config(), 3);
        EncoderGraph ours = EncoderGraph.build(start, 6, DataType.FLOAT);
        AdamOptimizer adam = new AdamOptimizer(ours, LEARNING_RATE, 1, null);
        EncoderGraph reference = EncoderGraph.build(start, 6, DataType.FLOAT);
        SameDiff sd = reference.sameDiff();
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(LEARNING_RATE))
                .dataSetFeatureMapping(EncoderGraph.FEATURES).dataSetLabelMapping(EncoderGraph.TARGETS).build());
        for (Batch batch : batches) {
            double before = sd.outputSingle(Map.of(EncoderGraph.FEATURES, batch.features(),
                    EncoderGraph.TARGETS, batch.targets()), EncoderGraph.LOSS).getDouble(0);
            AdamOptimizer.StepOutput step = adam.step(batch, 1);
            assertEquals(before, step.loss(), 1e-6, "the step reports the loss of its batch before the update");
            quietly(() -> sd.fit(new MultiDataSet(batch.features(), batch.targets())));
        }
        assertEquals(3, adam.iteration());
        assertTrue(maxDifference(ours.weights(), reference.weights()) <= 1e-6,
                "differs from fit by " + maxDifference(ours.weights(), reference.weights()));
        assertTrue(maxDifference(ours.weights(), start) > 1e-3, "training changed the weights");
    }

    @Test
    void decayScalesTheStepSizeByEpoch() {
        // Adam's update is proportional to its step size for the same moments, so one step in epoch 3 with a decay
        // of 0.5 per epoch must equal one step in epoch 1 at a quarter of the rate (0.25 is exact in binary)
        EncoderWeights start = EncoderWeights.random(config(), 63);
        Batch batch = batches(start.config(), 1).get(0);
        EncoderGraph decayed = EncoderGraph.build(start, 6, DataType.FLOAT);
        new AdamOptimizer(decayed, LEARNING_RATE, 0.5, null).step(batch, 3);
        EncoderGraph quarter = EncoderGraph.build(start, 6, DataType.FLOAT);
        new AdamOptimizer(quarter, LEARNING_RATE * 0.25, 1, null).step(batch, 1);
        EncoderGraph full = EncoderGraph.build(start, 6, DataType.FLOAT);
        new AdamOptimizer(full, LEARNING_RATE, 0.5, null).step(batch, 1);
        assertTrue(maxDifference(decayed.weights(), quarter.weights()) <= 1e-7,
                "differs from a quarter-rate step by " + maxDifference(decayed.weights(), quarter.weights()));
        // the first Adam step moves every weight with a gradient by about its step size: 0.01 vs 0.0025
        double fullMove = maxDifference(full.weights(), start);
        double decayedMove = maxDifference(decayed.weights(), start);
        assertEquals(4.0, fullMove / decayedMove, 0.01, "step sizes " + fullMove + " and " + decayedMove);
    }

    @Test
    void restoredStateContinuesExactly() {
        EncoderWeights start = EncoderWeights.random(config(), 62);
        List<Batch> batches = batches(start.config(), 4);
        EncoderGraph straight = EncoderGraph.build(start, 6, DataType.FLOAT);
        AdamOptimizer uninterrupted = new AdamOptimizer(straight, LEARNING_RATE, 1, null);
        batches.forEach(b -> uninterrupted.step(b, 1));

        EncoderGraph first = EncoderGraph.build(start, 6, DataType.FLOAT);
        AdamOptimizer firstHalf = new AdamOptimizer(first, LEARNING_RATE, 1, null);
        batches.subList(0, 2).forEach(b -> firstHalf.step(b, 1));
        EncoderGraph second = EncoderGraph.build(first.weights(), 6, DataType.FLOAT);
        AdamOptimizer secondHalf = new AdamOptimizer(second, LEARNING_RATE, 1, firstHalf.state());
        batches.subList(2, 4).forEach(b -> secondHalf.step(b, 1));

        assertEquals(4, secondHalf.iteration());
        for (Map.Entry<String, WeightTensor> tensor : straight.weights().tensors().entrySet()) {
            assertArrayEquals(tensor.getValue().toArray(), second.weights().tensors().get(tensor.getKey()).toArray(),
                    tensor.getKey());
        }
    }

    private static EncoderConfig config() {
        return Fixtures.tiny(PositionEncoding.RELATIVE_BIAS, NormPlacement.PRE_NORM, Activation.GELU);
    }

    private static List<Batch> batches(EncoderConfig config, int count) {
        return Fixtures.batches(config, 6, 3, count, 63);
    }

    static double maxDifference(EncoderWeights a, EncoderWeights b) {
        double max = 0;
        for (Map.Entry<String, WeightTensor> tensor : a.tensors().entrySet()) {
            float[] x = tensor.getValue().toArray();
            float[] y = b.tensors().get(tensor.getKey()).toArray();
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }

    /** SameDiff prints a line per differentiated op to stdout when it first builds its gradient function. */
    private static void quietly(Runnable action) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            action.run();
        } finally {
            System.setOut(out);
        }
    }
}

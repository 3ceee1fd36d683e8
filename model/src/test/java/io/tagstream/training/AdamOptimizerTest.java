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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
        AdamOptimizer adam = new AdamOptimizer(ours, LEARNING_RATE, null);
        EncoderGraph reference = EncoderGraph.build(start, 6, DataType.FLOAT);
        SameDiff sd = reference.sameDiff();
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(LEARNING_RATE))
                .dataSetFeatureMapping(EncoderGraph.FEATURES).dataSetLabelMapping(EncoderGraph.TARGETS).build());
        for (Batch batch : batches) {
            double before = sd.outputSingle(Map.of(EncoderGraph.FEATURES, batch.features(),
                    EncoderGraph.TARGETS, batch.targets()), EncoderGraph.LOSS).getDouble(0);
            AdamOptimizer.StepOutput step = adam.step(batch);
            assertEquals(before, step.loss(), 1e-6, "the step reports the loss of its batch before the update");
            quietly(() -> sd.fit(new MultiDataSet(batch.features(), batch.targets())));
        }
        assertEquals(3, adam.iteration());
        assertTrue(maxDifference(ours.weights(), reference.weights()) <= 1e-6,
                "differs from fit by " + maxDifference(ours.weights(), reference.weights()));
        assertTrue(maxDifference(ours.weights(), start) > 1e-3, "training changed the weights");
    }

    @Test
    void restoredStateContinuesExactly() {
        EncoderWeights start = EncoderWeights.random(config(), 62);
        List<Batch> batches = batches(start.config(), 4);
        EncoderGraph straight = EncoderGraph.build(start, 6, DataType.FLOAT);
        AdamOptimizer uninterrupted = new AdamOptimizer(straight, LEARNING_RATE, null);
        batches.forEach(uninterrupted::step);

        EncoderGraph first = EncoderGraph.build(start, 6, DataType.FLOAT);
        AdamOptimizer firstHalf = new AdamOptimizer(first, LEARNING_RATE, null);
        batches.subList(0, 2).forEach(firstHalf::step);
        EncoderGraph second = EncoderGraph.build(first.weights(), 6, DataType.FLOAT);
        AdamOptimizer secondHalf = new AdamOptimizer(second, LEARNING_RATE, firstHalf.state());
        batches.subList(2, 4).forEach(secondHalf::step);

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
        Random random = new Random(63);
        List<LabelledClip> clips = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            int[] targets = new int[20];
            for (int t = 0; t < targets.length; t++) {
                targets[t] = random.nextInt(config.labelCount() + 1) - 1;  // some unlabelled
            }
            targets[0] = 0;
            clips.add(new LabelledClip("clip" + c, Fixtures.frames(random, 20, config.inputDims()), targets));
        }
        CropSampler sampler = new CropSampler(clips, 6, 3, ClassWeights.of(clips, config.labelCount(), true),
                config.labelCount(), FeatureAugmentation.NONE);
        List<Batch> batches = new ArrayList<>();
        for (int step = 0; step < count; step++) {
            batches.add(sampler.batch(64, step));
        }
        return batches;
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

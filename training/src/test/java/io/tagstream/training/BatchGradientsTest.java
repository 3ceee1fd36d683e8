package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.model.Activation;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch split among workers is the whole batch: the loss, probabilities and every gradient of {@code W} slices
 * summed equal those of one pass over all crops (double precision, within 1e-12 relative), Adam steps on them give
 * the same weights, and the split is deterministic (bit-identical gradients from two equal runs).
 */
class BatchGradientsTest {

    private static final int CROP_FRAMES = 6;
    private static final int CROPS = 5;

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {2, 3, 5})
    void slicesSumToTheWholeBatch(int workers) {
        EncoderWeights weights = EncoderWeights.random(config(), 71);
        Batch batch = batches(config(), 1).get(0);
        BatchGradients.Result whole;
        BatchGradients.Result split;
        try (BatchGradients one = new BatchGradients(graph(weights, DataType.DOUBLE), 1);
             BatchGradients many = new BatchGradients(graph(weights, DataType.DOUBLE), workers)) {
            whole = one.compute(batch);
            split = many.compute(batch);
        }
        assertEquals(whole.loss(), split.loss(), 1e-12 * Math.abs(whole.loss()));
        assertClose(whole.probabilities(), split.probabilities(), 1e-12, "probabilities");
        assertEquals(whole.gradients().keySet(), split.gradients().keySet());
        for (Map.Entry<String, INDArray> gradient : whole.gradients().entrySet()) {
            assertClose(gradient.getValue(), split.gradients().get(gradient.getKey()), 1e-12, gradient.getKey());
        }
    }

    @Test
    void adamStepsOnSplitBatchesGiveTheWeightsOfWholeBatches() {
        EncoderWeights start = EncoderWeights.random(config(), 72);
        List<Batch> batches = batches(config(), 3);
        EncoderGraph whole = graph(start, DataType.DOUBLE);
        EncoderGraph split = graph(start, DataType.DOUBLE);
        try (BatchGradients two = new BatchGradients(split, 2)) {
            AdamOptimizer a = new AdamOptimizer(whole, 0.01, 1, null);
            AdamOptimizer b = new AdamOptimizer(two, 0.01, 1, null);
            for (Batch batch : batches) {
                AdamOptimizer.StepOutput x = a.step(batch, 1);
                AdamOptimizer.StepOutput y = b.step(batch, 1);
                assertEquals(x.loss(), y.loss(), 1e-12 * Math.abs(x.loss()));
            }
        }
        // the copy of the second worker must follow the trained graph from step to step, or steps 2 and 3 differ
        assertTrue(AdamOptimizerTest.maxDifference(whole.weights(), split.weights()) <= 1e-6,
                "differs by " + AdamOptimizerTest.maxDifference(whole.weights(), split.weights()));
        assertTrue(AdamOptimizerTest.maxDifference(whole.weights(), start) > 1e-3, "training changed the weights");
    }

    @Test
    void theSplitIsDeterministic() {
        EncoderWeights weights = EncoderWeights.random(config(), 73);
        Batch batch = batches(config(), 1).get(0);
        try (BatchGradients a = new BatchGradients(graph(weights, DataType.FLOAT), 3);
             BatchGradients b = new BatchGradients(graph(weights, DataType.FLOAT), 3)) {
            BatchGradients.Result x = a.compute(batch);
            BatchGradients.Result y = b.compute(batch);
            assertEquals(x.loss(), y.loss());
            for (Map.Entry<String, INDArray> gradient : x.gradients().entrySet()) {
                assertArrayEquals(gradient.getValue().data().asFloat(),
                        y.gradients().get(gradient.getKey()).data().asFloat(), gradient.getKey());
            }
        }
    }

    @Test
    void refusesNoWorkersAndBatchesSmallerThanTheWorkers() {
        EncoderWeights weights = EncoderWeights.random(config(), 74);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new BatchGradients(graph(weights, DataType.FLOAT), 0));
        assertEquals("workers must be at least 1, got 0", none.getMessage());
        try (BatchGradients six = new BatchGradients(graph(weights, DataType.FLOAT), CROPS + 1)) {
            Batch batch = batches(config(), 1).get(0);
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> six.compute(batch));
            assertEquals("a batch of 5 crops cannot be split among 6 workers", small.getMessage());
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, double relative, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double[] x = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] y = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double scale = 0;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + " is all zero");
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], y[i], relative * scale, what + "[" + i + "]");
        }
    }

    private static EncoderGraph graph(EncoderWeights weights, DataType type) {
        return EncoderGraph.build(weights, CROP_FRAMES, type);
    }

    private static EncoderConfig config() {
        return Fixtures.tiny(PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU);
    }

    private static List<Batch> batches(EncoderConfig config, int count) {
        return Fixtures.batches(config, CROP_FRAMES, CROPS, count, 75);
    }
}

package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.model.Activation;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import io.tagstream.model.WeightTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link WeightAverage} against hand-computed values and a plain-Java double-precision reference of its formula
 * ({@code a = (1 - r) a + r w}, {@code r = max(1/n, 1/N)} after step n), on the variables of a real {@link EncoderGraph} that the test
 * sets to known values between the steps. Tolerance: 1e-6 absolute on values of order 1 (the average is float32).
 */
class WeightAverageTest {

    private static final double TOLERANCE = 1e-6;

    private final EncoderGraph graph = EncoderGraph.build(
            EncoderWeights.random(Fixtures.tiny(PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU), 5),
            6, DataType.FLOAT);

    @Test
    void theMeanOfTheFirstNStepsThenAnExponentialAverage() {
        WeightAverage average = new WeightAverage(graph, 3, null, 0);
        double[] steps = {1, 2, 6, 10};
        // a1 = 1; a2 = 1 + (2 - 1)/2 = 1.5; a3 = 1.5 + (6 - 1.5)/3 = 3 (the mean of 1, 2, 6); a4 = 3 + (10 - 3)/3
        double[] expected = {1, 1.5, 3, 3 + 7.0 / 3};
        for (int n = 1; n <= steps.length; n++) {
            setEveryVariable(steps[n - 1]);
            average.update(n);
            assertEveryValue(expected[n - 1], average.weights(), "after step " + n);
        }
    }

    @Test
    void followsThePlainJavaReferenceOnRandomWeights() {
        int timeConstant = 4;
        WeightAverage average = new WeightAverage(graph, timeConstant, null, 0);
        Random random = new Random(9);
        Map<String, double[]> reference = new LinkedHashMap<>();
        for (int n = 1; n <= 12; n++) {
            Map<String, double[]> step = randomWeights(random);
            setVariables(step);
            average.update(n);
            double rate = Math.max(1.0 / n, 1.0 / timeConstant);
            step.forEach((name, w) -> {
                double[] a = reference.computeIfAbsent(name, k -> new double[w.length]);
                for (int i = 0; i < w.length; i++) {
                    a[i] = (1 - rate) * a[i] + rate * w[i];
                }
            });
        }
        double worst = 0;
        for (Map.Entry<String, WeightTensor> tensor : average.weights().tensors().entrySet()) {
            double[] expected = reference.get(tensor.getKey());
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - tensor.getValue().get(i)));
            }
        }
        assertTrue(worst <= TOLERANCE, "differs from the reference by " + worst);
    }

    @Test
    void aRestoredAverageContinuesWhereTheSavedOneStopped() {
        WeightAverage straight = new WeightAverage(graph, 2, null, 0);
        setEveryVariable(4);
        straight.update(1);
        setEveryVariable(8);
        straight.update(2);
        WeightAverage resumed = new WeightAverage(graph, 2, straight.saved(), 2);
        setEveryVariable(0);
        straight.update(3);
        resumed.update(3);
        assertEveryValue(3, straight.weights(), "6 + (0 - 6)/2");
        assertEquals(0.0, AdamOptimizerTest.maxDifference(straight.weights(), resumed.weights()));
    }

    @Test
    void offMeansTheCurrentWeightsAndNothingToSave() {
        WeightAverage off = new WeightAverage(graph, 0, null, 7);
        setEveryVariable(2);
        off.update(8);
        assertEquals(0.0, AdamOptimizerTest.maxDifference(graph.weights(), off.weights()));
        assertNull(off.saved());
    }

    @Test
    void aRunPastItsFirstStepCannotResumeWithoutItsAverage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WeightAverage(graph, 5, null, 3));
        assertEquals("the run averages its weights but the checkpoint has no average", e.getMessage());
    }

    private void setEveryVariable(double value) {
        for (String name : graph.parameterNames()) {
            graph.sameDiff().getArrForVarName(name).assign(value);
        }
    }

    private Map<String, double[]> randomWeights(Random random) {
        Map<String, double[]> weights = new LinkedHashMap<>();
        for (String name : graph.parameterNames()) {
            double[] values = new double[(int) graph.sameDiff().getArrForVarName(name).length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();   // what the float32 graph holds
            }
            weights.put(name, values);
        }
        return weights;
    }

    private void setVariables(Map<String, double[]> weights) {
        weights.forEach((name, values) -> {
            INDArray variable = graph.sameDiff().getArrForVarName(name);
            float[] floats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = (float) values[i];
            }
            variable.assign(Nd4j.createFromArray(floats).reshape(variable.shape()));
        });
    }

    private static void assertEveryValue(double expected, EncoderWeights weights, String what) {
        for (Map.Entry<String, WeightTensor> tensor : weights.tensors().entrySet()) {
            for (int i = 0; i < tensor.getValue().size(); i++) {
                assertEquals(expected, tensor.getValue().get(i), TOLERANCE, what + ", " + tensor.getKey());
            }
        }
    }
}

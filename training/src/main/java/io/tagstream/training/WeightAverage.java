package io.tagstream.training;

import io.tagstream.model.EncoderWeights;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A running average of an {@link EncoderGraph}'s trainable variables over the training steps, with time constant
 * {@code N} steps ({@link TrainingParameters#averagingSteps()}). After step {@code n} (counted from 1 over the whole
 * run) every averaged value {@code a} moves toward the step's value {@code w} by
 * <pre>
 * a = (1 - r) a + r w,  r = max(1/n, 1/N)
 * </pre>
 * so for the first {@code N} steps it is the plain mean of the weights after each step, and from then on an
 * exponential moving average that forgets at {@code 1/N} per step. Validation and the saved model use the average:
 * dev scores of single epochs swing by several points of macro F1 from one epoch to the next, while the average of
 * the weights along the last few hundred steps (Polyak averaging) scores steadily, so the chosen epoch is not the
 * luckiest of a swinging series (measured in docs/training.md).
 * With {@code N = 0} the average is off and {@link #weights()} is the graph's current weights.
 */
final class WeightAverage {

    private final EncoderGraph graph;
    private final int timeConstant;
    private final Map<String, INDArray> averages = new LinkedHashMap<>();

    /**
     * An average over {@code graph}'s variables with time constant {@code timeConstant} steps (0 = off).
     * {@code restored} is the average saved after step {@code stepsDone} of a run being resumed; null at the start of
     * a run (the first step then sets the average to its weights).
     *
     * @throws IllegalArgumentException if a run past its first step is resumed without its average, or the restored
     *                                  average does not have the graph's architecture
     */
    WeightAverage(EncoderGraph graph, int timeConstant, EncoderWeights restored, long stepsDone) {
        if (timeConstant < 0) {
            throw new IllegalArgumentException("averaging time constant must be >= 0 steps, got " + timeConstant);
        }
        this.graph = graph;
        this.timeConstant = timeConstant;
        if (timeConstant == 0) {
            return;
        }
        if (restored == null && stepsDone > 0) {
            throw new IllegalArgumentException("the run averages its weights but the checkpoint has no average");
        }
        if (restored != null && !restored.config().equals(graph.config())) {
            throw new IllegalArgumentException("the saved weight average is of another architecture");
        }
        for (String name : graph.parameterNames()) {
            INDArray start = restored == null ? graph.sameDiff().getArrForVarName(name)
                    : EncoderGraph.toArray(restored.tensors().get(name), graph.dataType());
            averages.put(name, start.dup('c'));
        }
    }

    /** True when the run averages its weights. */
    boolean enabled() {
        return timeConstant > 0;
    }

    /** Folds in the graph's weights after step {@code step} of the run (from 1). */
    void update(long step) {
        if (!enabled()) {
            return;
        }
        if (step < 1) {
            throw new IllegalArgumentException("steps are counted from 1, got " + step);
        }
        double rate = Math.max(1.0 / step, 1.0 / timeConstant);
        for (Map.Entry<String, INDArray> average : averages.entrySet()) {
            INDArray a = average.getValue();
            INDArray current = graph.sameDiff().getArrForVarName(average.getKey());
            a.muli(1 - rate);                                       // a = (1 - r) a + r w: in place, no temporaries
            Nd4j.getBlasWrapper().level1().axpy(a.length(), rate, current, a);
        }
    }

    /** The averaged weights, or the graph's current weights when averaging is off. */
    EncoderWeights weights() {
        return enabled() ? graph.weightsOf(averages) : graph.weights();
    }

    /** The averaged weights to save in a checkpoint, or null when averaging is off. */
    EncoderWeights saved() {
        return enabled() ? graph.weightsOf(averages) : null;
    }
}

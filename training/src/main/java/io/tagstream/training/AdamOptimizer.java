package io.tagstream.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Training steps of an {@link EncoderGraph} with ND4J's Adam. One step is one SameDiff pass that returns the loss,
 * the probabilities and every parameter's gradient ({@code calculateGradientsAndOutputs}); ND4J's
 * {@link AdamUpdater} turns each gradient into an update and the parameter is decreased by it, as SameDiff's own
 * {@code fit} does (a test checks that the two give the same weights). Doing the step here rather than in
 * {@code fit} gives the loss and the predictions of the very batch trained on (SameDiff's listeners report a loss of
 * 0 in 1.0.0-M2.1) and makes Adam's state something we can save and restore exactly.
 *
 * <p>Memory: ND4J frees an array's native memory only when the garbage collector collects its Java object. A step of
 * the standard encoder (16 crops of 256 frames) allocates about 1.7 GB of intermediate arrays while the Java heap
 * barely grows, so without a collection native memory grew by that much per step (24 GB, and the process was
 * killed, after about 30 steps). Each step therefore ends with a collection (about 30 ms); native memory then stays
 * at about 3.8 GB for that encoder.
 */
final class AdamOptimizer {

    private final EncoderGraph graph;
    private final BatchGradients gradients;
    private final List<String> names;
    private final Map<String, AdamUpdater> updaters = new LinkedHashMap<>();
    private final Map<String, INDArray> stateViews = new LinkedHashMap<>();  // per name [1, 2n]: M then V
    private int iteration;

    /**
     * Fresh state (zero moments) when {@code restored} is null, else the restored state. The step size of epoch
     * {@code e} (from 1) is {@code learningRate * decayPerEpoch^(e-1)} (ND4J's epoch-based exponential schedule).
     */
    AdamOptimizer(EncoderGraph graph, double learningRate, double decayPerEpoch, AdamState restored) {
        this(new BatchGradients(graph, 1), learningRate, decayPerEpoch, restored);
    }

    /** As above, with the gradients of each batch computed by {@code gradients} (and its workers). */
    AdamOptimizer(BatchGradients gradients, double learningRate, double decayPerEpoch, AdamState restored) {
        this.graph = gradients.graph();
        this.gradients = gradients;
        this.names = graph.parameterNames();
        Adam adam = new Adam(new ExponentialSchedule(ScheduleType.EPOCH, learningRate, decayPerEpoch));
        for (String name : names) {
            INDArray parameter = graph.sameDiff().getArrForVarName(name);
            long n = parameter.length();
            INDArray view = Nd4j.zeros(graph.dataType(), 1, 2 * n);
            if (restored != null) {
                float[] moments = restored.moments().get(name);
                if (moments == null || moments.length != 2 * n) {
                    throw new IllegalArgumentException("Adam state for " + name + " has "
                            + (moments == null ? "no" : moments.length) + " values, expected " + 2 * n);
                }
                view.assign(Nd4j.createFromArray(moments).reshape(1, 2 * n).castTo(graph.dataType()));
            }
            AdamUpdater updater = new AdamUpdater(adam);
            updater.setStateViewArray(view, parameter.shape(), 'c', false);
            updaters.put(name, updater);
            stateViews.put(name, view);
        }
        this.iteration = restored == null ? 0 : restored.iteration();
    }

    /**
     * One update on {@code batch} in epoch {@code epoch} (from 1); returns the batch's loss and probabilities (before
     * the update).
     */
    StepOutput step(Batch batch, int epoch) {
        StepOutput output = update(batch, epoch);
        Nd4j.getMemoryManager().invokeGc();   // frees the step's intermediate arrays (see the class comment)
        return output;
    }

    private StepOutput update(Batch batch, int epoch) {
        BatchGradients.Result result = gradients.compute(batch);
        SameDiff sd = graph.sameDiff();
        for (String name : names) {
            INDArray gradient = result.gradients().get(name);
            updaters.get(name).applyUpdater(gradient, iteration, epoch - 1);   // gradient becomes the update, in place
            sd.getArrForVarName(name).subi(gradient);
        }
        iteration++;
        return new StepOutput(result.loss(), EncoderGraph.rows(result.probabilities()));
    }

    /** Updates applied so far. */
    int iteration() {
        return iteration;
    }

    /** A copy of the current state. */
    AdamState state() {
        Map<String, float[]> moments = new LinkedHashMap<>();
        for (String name : names) {
            moments.put(name, stateViews.get(name).castTo(DataType.FLOAT).dup('c').data().asFloat());
        }
        return new AdamState(iteration, moments);
    }

    /**
     * What one step saw.
     *
     * @param loss          the class-weighted cross-entropy of the batch
     * @param probabilities [B*T][labelCount], frame t of crop b at row b*T + t
     */
    record StepOutput(double loss, float[][] probabilities) {
    }
}

package io.tagstream.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A batch's loss, probabilities and parameter gradients, computed by {@code W} workers at once: the batch's crops
 * are cut into {@code W} contiguous slices of as equal size as possible, each slice goes through its own copy of the
 * {@link EncoderGraph} on its own thread, and the slices' losses and gradients are summed, in slice order. The loss
 * is a sum over frames of target-weighted cross-entropy whose target weights are normalised over the whole batch
 * ({@link Batch}), so the sum of the slices' losses and gradients is the whole batch's, up to float rounding; the
 * fixed slicing and summation order keep a run deterministic for a given {@code W}.
 *
 * <p>Why: ND4J runs SameDiff's ops one after another, and on this project's machine its own threads do not help
 * (a step of the previous default model's plan, d 64, took 0.48 s with one OpenMP thread and 0.69 s with two),
 * while a second graph on a second core works in parallel (measured in docs/training.md).
 *
 * <p>The first graph is the one trained (its variables are the parameters); the copies take its current values at
 * the start of every {@link #compute}.
 */
final class BatchGradients implements AutoCloseable {

    private final EncoderGraph primary;
    private final List<EncoderGraph> copies = new ArrayList<>();   // workers - 1 graphs, one per extra slice
    private final List<String> names;
    private final ExecutorService threads;                          // null with one worker

    /**
     * Gradients of {@code graph}'s parameters with {@code workers} slices per batch.
     *
     * @throws IllegalArgumentException if {@code workers} is below 1
     */
    BatchGradients(EncoderGraph graph, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.primary = graph;
        this.names = graph.parameterNames();
        graph.prepareGradients();
        for (int i = 1; i < workers; i++) {
            EncoderGraph copy = EncoderGraph.build(graph.weights(), graph.frames(), graph.dataType());
            copy.prepareGradients();
            copies.add(copy);
        }
        this.threads = workers == 1 ? null : Executors.newFixedThreadPool(workers - 1, task -> {
            Thread thread = new Thread(task, "tagstream-gradients");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The graph trained: its variables are the parameters. */
    EncoderGraph graph() {
        return primary;
    }

    /** Slices per batch. */
    int workers() {
        return copies.size() + 1;
    }

    /**
     * The loss, probabilities and gradients of {@code batch} at the primary graph's current parameters.
     *
     * @throws IllegalArgumentException if the batch has fewer crops than there are workers, or the wrong shape
     */
    Result compute(Batch batch) {
        primary.checkFeatures(batch.features());
        int crops = (int) batch.features().size(0);
        if (crops < workers()) {
            throw new IllegalArgumentException("a batch of " + crops + " crops cannot be split among " + workers()
                    + " workers");
        }
        if (copies.isEmpty()) {
            return Result.of(primary.passOf(batch.features(), batch.targets(), names), names);
        }
        for (EncoderGraph copy : copies) {
            for (String name : names) {
                copy.sameDiff().getArrForVarName(name).assign(primary.sameDiff().getArrForVarName(name));
            }
        }
        List<Future<OutAndGrad>> others = new ArrayList<>();
        for (int i = 0; i < copies.size(); i++) {
            EncoderGraph copy = copies.get(i);
            int slice = i + 1;
            others.add(threads.submit(() -> pass(copy, batch, slice)));
        }
        List<OutAndGrad> passes = new ArrayList<>();
        passes.add(pass(primary, batch, 0));
        for (Future<OutAndGrad> other : others) {
            passes.add(await(other));
        }
        return Result.sum(passes, names);
    }

    private OutAndGrad pass(EncoderGraph graph, Batch batch, int slice) {
        long crops = batch.features().size(0);
        long first = crops * slice / workers();
        long end = crops * (slice + 1) / workers();
        long frames = graph.frames();
        INDArray features = batch.features().get(NDArrayIndex.interval(first, end), NDArrayIndex.all(),
                NDArrayIndex.all()).dup('c');                                                  // [b, T, I]
        INDArray targets = batch.targets().get(NDArrayIndex.interval(first * frames, end * frames),
                NDArrayIndex.all()).dup('c');                                                  // [b*T, C]
        return graph.passOf(features, targets, names);
    }

    private static OutAndGrad await(Future<OutAndGrad> pass) {
        try {
            return pass.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing gradients", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("computing gradients failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    /**
     * A batch's pass.
     *
     * @param loss          the class-weighted cross-entropy of the batch
     * @param probabilities [B*T, labelCount], frame t of crop b at row b*T + t
     * @param gradients     the loss's gradient per parameter name, in {@link EncoderGraph#parameterNames()} order
     */
    record Result(double loss, INDArray probabilities, Map<String, INDArray> gradients) {

        static Result of(OutAndGrad pass, List<String> names) {
            return sum(List.of(pass), names);
        }

        /** The slices' losses and gradients summed in list order; their probabilities stacked in list order. */
        static Result sum(List<OutAndGrad> passes, List<String> names) {
            double loss = 0;
            INDArray[] probabilities = new INDArray[passes.size()];
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            for (int i = 0; i < passes.size(); i++) {
                OutAndGrad pass = passes.get(i);
                loss += pass.getOutputs().get(EncoderGraph.LOSS).getDouble(0);
                probabilities[i] = pass.getOutputs().get(EncoderGraph.PROBABILITIES);
                for (String name : names) {
                    INDArray gradient = pass.getGradients().get(name);
                    INDArray total = gradients.get(name);
                    if (total == null) {
                        gradients.put(name, gradient);
                    } else {
                        total.addi(gradient);
                    }
                }
            }
            INDArray stacked = probabilities.length == 1 ? probabilities[0] : Nd4j.vstack(probabilities);
            return new Result(loss, stacked, gradients);
        }
    }
}

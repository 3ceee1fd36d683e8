package io.tagstream.training;

import io.tagstream.labels.Segmenter;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores weights on the dev split with the inference engine itself: each dev clip is one recording through
 * {@link Encoder#probabilities} (offline path, whole clip, the trained attention span), so the numbers are those the
 * product would get, not the training graph's on crops.
 *
 * <p>With several threads each thread has an engine of its own and takes the next clip not yet taken; the clips'
 * results are then added up in clip order, so the evaluation is the same, to the bit, for any number of threads.
 *
 * @param loss   mean cross-entropy {@code -log p(target)} over the labelled dev frames (not class-weighted)
 * @param scores confusion matrix of argmax predictions
 */
public record DevEvaluation(double loss, FrameScores scores) {

    /** Smallest probability inside the log of the loss (a confident mistake costs at most -log(1e-12)). */
    private static final double MIN_PROBABILITY = 1e-12;

    /** Evaluates {@code weights} on {@code clips} on the calling thread. */
    public static DevEvaluation of(EncoderWeights weights, List<LabelledClip> clips) {
        return of(weights, clips, 1);
    }

    /**
     * Evaluates {@code weights} on {@code clips} with {@code threads} engines at once (the calling thread is one).
     *
     * @throws IllegalArgumentException if {@code threads} is not 1..{@link TrainingParameters#MAX_WORKERS}
     */
    public static DevEvaluation of(EncoderWeights weights, List<LabelledClip> clips, int threads) {
        if (threads < 1 || threads > TrainingParameters.MAX_WORKERS) {
            throw new IllegalArgumentException("evaluation threads must be 1.." + TrainingParameters.MAX_WORKERS
                    + ", got " + threads);
        }
        ClipResult[] results = new ClipResult[clips.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            try (Encoder encoder = Encoder.create(weights)) {
                for (int i = next.getAndIncrement(); i < clips.size(); i = next.getAndIncrement()) {
                    results[i] = ClipResult.of(encoder, clips.get(i));
                }
            }
        };
        int helpers = Math.min(threads, clips.size()) - 1;
        if (helpers <= 0) {
            worker.run();
        } else {
            runWithHelpers(worker, helpers);
        }
        FrameScores scores = new FrameScores(weights.config().labelCount());
        double lossSum = 0;
        for (int i = 0; i < clips.size(); i++) {
            lossSum = results[i].addTo(clips.get(i).targets(), scores, lossSum);
        }
        return new DevEvaluation(scores.frames() == 0 ? 0 : lossSum / scores.frames(), scores);
    }

    /** Runs {@code worker} on this thread and on {@code helpers} daemon threads; returns when all are done. */
    private static void runWithHelpers(Runnable worker, int helpers) {
        ExecutorService pool = Executors.newFixedThreadPool(helpers, task -> {
            Thread thread = new Thread(task, "tagstream-validation");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < helpers; i++) {
                running.add(pool.submit(worker));
            }
            worker.run();
            for (Future<?> helper : running) {
                helper.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("validation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One clip's argmax labels and {@code -log p(target)} per frame (empty for an empty clip). */
    private record ClipResult(int[] predicted, double[] losses) {

        static ClipResult of(Encoder encoder, LabelledClip clip) {
            if (clip.length() == 0) {
                return new ClipResult(new int[0], new double[0]);
            }
            float[][] probabilities = encoder.probabilities(clip.frames());
            int[] targets = clip.targets();
            int[] predicted = new int[targets.length];
            double[] losses = new double[targets.length];
            for (int t = 0; t < targets.length; t++) {
                predicted[t] = Segmenter.argmax(probabilities[t]);
                if (targets[t] != FrameTargets.UNLABELLED) {
                    losses[t] = -Math.log(Math.max(MIN_PROBABILITY, probabilities[t][targets[t]]));
                }
            }
            return new ClipResult(predicted, losses);
        }

        /**
         * Adds the clip's labelled frames to {@code scores} and their losses, one by one in frame order, to
         * {@code lossSum}; returns the new sum.
         */
        double addTo(int[] targets, FrameScores scores, double lossSum) {
            for (int t = 0; t < predicted.length; t++) {
                if (targets[t] != FrameTargets.UNLABELLED) {
                    scores.add(targets[t], predicted[t]);
                    lossSum += losses[t];
                }
            }
            return lossSum;
        }
    }
}

package io.tagstream.training;

import io.tagstream.labels.Segmenter;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.InferenceOptions;
import io.tagstream.reference.FrameTargets;
import java.util.List;

/**
 * Scores weights on the dev split with the inference engine itself: each dev clip is one recording through
 * {@link Encoder#probabilities} (offline path, whole clip, the trained attention span), so the numbers are those the
 * product would get, not the training graph's on crops.
 *
 * <p>With several threads the engine splits each layer's frames among them ({@link InferenceOptions#threads}); every
 * frame is computed in the same blocks either way, so the evaluation is the same, to the bit, for any thread count.
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
     * Evaluates {@code weights} on {@code clips} with an engine of {@code threads} threads (the calling thread is one).
     *
     * @throws IllegalArgumentException if {@code threads} is not 1..64
     */
    public static DevEvaluation of(EncoderWeights weights, List<LabelledClip> clips, int threads) {
        InferenceOptions options = InferenceOptions.defaults(weights.config()).withThreads(threads);
        FrameScores scores = new FrameScores(weights.config().labelCount());
        double lossSum = 0;
        try (Encoder encoder = Encoder.create(weights, options)) {
            for (LabelledClip clip : clips) {
                if (clip.length() > 0) {
                    lossSum += score(encoder.probabilities(clip.frames()), clip.targets(), scores);
                }
            }
        }
        return new DevEvaluation(scores.frames() == 0 ? 0 : lossSum / scores.frames(), scores);
    }

    /** Adds a clip's frames to {@code scores}; returns the sum of their {@code -log p(target)}. */
    private static double score(float[][] probabilities, int[] targets, FrameScores scores) {
        double lossSum = 0;
        for (int t = 0; t < targets.length; t++) {
            if (targets[t] != FrameTargets.UNLABELLED) {
                scores.add(targets[t], Segmenter.argmax(probabilities[t]));
                lossSum -= Math.log(Math.max(MIN_PROBABILITY, probabilities[t][targets[t]]));
            }
        }
        return lossSum;
    }
}

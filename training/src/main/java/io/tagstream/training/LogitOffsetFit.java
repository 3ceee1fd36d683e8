package io.tagstream.training;

import io.tagstream.evaluation.ClassScores;
import io.tagstream.evaluation.CollarMask;
import io.tagstream.evaluation.ConfusionMatrix;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.InferenceOptions;
import io.tagstream.model.LabelSet;
import io.tagstream.reference.FrameTargets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the {@link LogitOffsets} a trained model decides with, on labelled clips it was not trained on (a corpus's
 * dev split, the split that already chose its epoch): the offsets with the highest macro F1 among those that keep the
 * music and the noise frames labelled speech within a cap each. Training weighs the classes to balance them; the
 * offsets then set the prior the model decides with (see {@link LogitOffsets}), which moves frames only between
 * labels whose scores are close, for every frame alike.
 *
 * <p>The clips are labelled once, offline, by the inference engine; the fit works on each scored frame's
 * log-probabilities: a frame's label under offsets {@code o} is {@code argmax_c (log p_c + o_c)}, which is the label
 * the model with {@code o} added to its classifier bias gives (log-probabilities differ from logits by one constant
 * per frame). The search is coordinate-wise over a grid of {@value #STEP}: the first label's offset stays 0 (adding
 * one constant to every offset changes nothing), each other label's offset in turn takes the grid value in
 * {@code [-}{@value #RANGE}{@code , }{@value #RANGE}{@code ]} that scores best with the others held, until a whole
 * round changes nothing. A point within the caps beats one outside them; among points outside, the smaller excess
 * wins; only a strictly better point replaces the current one, so the fit never leaves the offsets it starts from
 * (none) for an equal score.
 */
public final class LogitOffsetFit {

    /** Grid step of the offsets. */
    static final double STEP = 0.05;
    /** Largest offset tried, in absolute value (a prior ratio of e^3, about 20). */
    static final double RANGE = 3.0;
    private static final int MAX_ROUNDS = 20;
    /** The labels whose frames labelled speech the fit caps. */
    public static final List<String> CAPPED = List.of("music", "noise");
    /** Smallest probability inside the log (a probability of 0 is a log-probability of about -69). */
    private static final double MIN_PROBABILITY = 1e-30;

    private final List<String> labels;
    private final float[] logProbabilities; // [frames * labels]
    private final int[] targets;            // [frames], scored frames only

    LogitOffsetFit(List<String> labels, float[] logProbabilities, int[] targets) {
        if (logProbabilities.length != (long) targets.length * labels.size()) {
            throw new IllegalArgumentException(targets.length + " frames of " + labels.size() + " labels need "
                    + (long) targets.length * labels.size() + " log-probabilities, got " + logProbabilities.length);
        }
        this.labels = List.copyOf(labels);
        this.logProbabilities = logProbabilities;
        this.targets = targets;
    }

    /**
     * Labels {@code clips} offline with {@code weights} and keeps the log-probabilities of the frames that are scored:
     * labelled and outside the collar of {@code collarFrames} frames on each side of a reference boundary
     * ({@link CollarMask}), as {@code tagstream eval} scores them.
     *
     * @param threads the inference engine's threads (the result is the same for any count)
     * @throws IllegalArgumentException if no frame is scored, or the weights do not score {@code labels}
     */
    public static LogitOffsetFit of(EncoderWeights weights, LabelSet labels, List<LabelledClip> clips,
                                    int collarFrames, int threads) {
        if (weights.config().labelCount() != labels.size()) {
            throw new IllegalArgumentException("the model scores " + weights.config().labelCount()
                    + " labels, the label set has " + labels.size());
        }
        int c = labels.size();
        int capacity = clips.stream().mapToInt(LabelledClip::length).sum();
        float[] logs = new float[capacity * c];   // [frames * labels]; the scored frames fill its start
        int[] kept = new int[capacity];
        int frames = 0;
        InferenceOptions options = InferenceOptions.defaults(weights.config()).withThreads(threads);
        try (Encoder encoder = Encoder.create(weights, options)) {
            for (LabelledClip clip : clips) {
                if (clip.length() == 0) {
                    continue;
                }
                float[][] probabilities = encoder.probabilities(clip.frames());
                int[] reference = clip.targets();
                boolean[] collar = CollarMask.inCollar(reference, collarFrames);
                for (int t = 0; t < reference.length; t++) {
                    if (reference[t] != FrameTargets.UNLABELLED && !collar[t]) {
                        for (int j = 0; j < c; j++) {
                            logs[frames * c + j] = (float) Math.log(Math.max(MIN_PROBABILITY, probabilities[t][j]));
                        }
                        kept[frames++] = reference[t];
                    }
                }
            }
        }
        if (frames == 0) {
            throw new IllegalArgumentException("no scored frame to fit the logit offsets on (every frame is"
                    + " unlabelled or in the collar)");
        }
        return new LogitOffsetFit(labels.names(), Arrays.copyOf(logs, frames * c), Arrays.copyOf(kept, frames));
    }

    /** Frames the fit scores. */
    public int frames() {
        return targets.length;
    }

    /** The confusion of the scored frames when {@code offsets} ({@code [labels]}) are added to their scores. */
    public ConfusionMatrix confusion(double[] offsets) {
        int c = labels.size();
        if (offsets.length != c) {
            throw new IllegalArgumentException("need " + c + " offsets, got " + offsets.length);
        }
        long[][] counts = new long[c][c];
        for (int f = 0; f < targets.length; f++) {
            int base = f * c;
            int best = 0;
            double bestScore = logProbabilities[base] + offsets[0];
            for (int j = 1; j < c; j++) {
                double score = logProbabilities[base + j] + offsets[j];
                if (score > bestScore) {
                    best = j;
                    bestScore = score;
                }
            }
            counts[targets[f]][best]++;
        }
        return new ConfusionMatrix(labels, counts);
    }

    /**
     * The offsets with the best macro F1 whose share of music frames labelled speech and of noise frames labelled
     * speech are each at most {@code maxFalseSpeech} (labels the model does not have are not capped), found as the
     * class comment says.
     *
     * @throws IllegalArgumentException if {@code maxFalseSpeech} is not in [0, 1]
     */
    public Fitted fit(double maxFalseSpeech) {
        if (!(maxFalseSpeech >= 0 && maxFalseSpeech <= 1)) {
            throw new IllegalArgumentException("the false-speech cap must be a share in [0, 1], got "
                    + maxFalseSpeech);
        }
        int c = labels.size();
        double[] offsets = new double[c];
        ConfusionMatrix before = confusion(offsets);
        Score current = score(before, maxFalseSpeech);
        int steps = (int) Math.round(RANGE / STEP);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean moved = false;
            for (int label = 1; label < c; label++) {
                double held = offsets[label];
                double bestValue = held;
                for (int k = -steps; k <= steps; k++) {
                    offsets[label] = k * STEP;
                    Score candidate = score(confusion(offsets), maxFalseSpeech);
                    if (candidate.betterThan(current)) {
                        current = candidate;
                        bestValue = offsets[label];
                    }
                }
                offsets[label] = bestValue;
                moved |= bestValue != held;
            }
            if (!moved) {
                break;
            }
        }
        Map<String, Double> byLabel = new LinkedHashMap<>();
        for (int label = 0; label < c; label++) {
            if (offsets[label] != 0) {
                byLabel.put(labels.get(label), offsets[label]);
            }
        }
        return new Fitted(new LogitOffsets(byLabel), before, confusion(offsets));
    }

    private static Score score(ConfusionMatrix matrix, double cap) {
        double excess = 0;
        for (String other : CAPPED) {
            double share = ClassScores.labelledSpeech(matrix, other); // NaN: no such label, or none of its frames
            if (!Double.isNaN(share)) {
                excess += Math.max(0, share - cap);
            }
        }
        return new Score(excess, ClassScores.macroF1(matrix));
    }

    /** How good a point is: its excess over the caps (0 within them), then its macro F1. */
    private record Score(double excess, double macroF1) {

        boolean betterThan(Score other) {
            if (excess == 0 && other.excess == 0) {
                return macroF1 > other.macroF1;
            }
            return excess < other.excess;
        }
    }

    /**
     * A fit's outcome.
     *
     * @param offsets the fitted offsets (to add to the model's logits: {@link LogitOffsets#applyTo})
     * @param before  the scored frames' confusion without them
     * @param after   with them
     */
    public record Fitted(LogitOffsets offsets, ConfusionMatrix before, ConfusionMatrix after) {
    }
}

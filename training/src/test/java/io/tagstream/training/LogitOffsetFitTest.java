package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.evaluation.CollarMask;
import io.tagstream.evaluation.ConfusionMatrix;
import io.tagstream.labels.Segmenter;
import io.tagstream.model.Activation;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.LabelSet;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import io.tagstream.reference.FrameTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LogitOffsetFit} on hand-made probabilities whose best offsets are worked out by hand (labels silence,
 * speech, music, noise = 0..3), and on a real engine: the model with the fitted offsets in its bias labels the clips
 * exactly as the fit predicted.
 */
class LogitOffsetFitTest {

    private static final List<String> LABELS = LabelSet.DEFAULT.names();

    /**
     * Music frames at p(music) 0.40 against p(noise) 0.45 become music once the music offset exceeds
     * ln(0.45 / 0.40) = 0.118; noise frames (0.2 against 0.7) stay noise below ln 3.5 = 1.253. The first grid value
     * that labels every frame right, scanning up from -3, is 0.15.
     */
    @Test
    void aMusicOffsetRecoversMusicThatScoredJustBelowNoise() {
        FrameSet frames = new FrameSet();
        frames.add(0, 10, 0.90, 0.04, 0.03, 0.03);
        frames.add(1, 10, 0.05, 0.85, 0.05, 0.05);
        frames.add(2, 10, 0.10, 0.05, 0.40, 0.45);
        frames.add(3, 10, 0.05, 0.05, 0.20, 0.70);
        LogitOffsetFit fit = frames.fit();
        assertArrayEquals(new long[] {0, 0, 0, 10}, fit.confusion(new double[4]).counts()[2]);

        LogitOffsetFit.Fitted fitted = fit.fit(0.01);
        assertEquals(Map.of("music", 0.15), rounded(fitted.offsets().byLabel()));
        ConfusionMatrix after = fitted.after();
        assertEquals(40, after.correct());
        assertEquals(after, fit.confusion(new double[] {0, 0, 0.15, 0}));
        assertEquals(fitted.before(), fit.confusion(new double[4]));
    }

    /**
     * Speech frames at p(speech) 0.3 against p(silence) 0.6 need a speech offset above ln 2 = 0.693; one music frame
     * at 0.35 against 0.55 turns speech above ln(0.55 / 0.35) = 0.452. Without a cap the fit takes the ten speech
     * frames and the music frame with them (0.70), then wins the music frame back with a music offset above
     * 0.70 - 0.452 = 0.248 (0.25): every frame right. With a cap of 5 % music labelled speech the speech step alone
     * breaks the cap, so a coordinate search stays where it is: no music frame labelled speech (the limit of a search
     * one offset at a time, which the class comment states).
     */
    @Test
    void theFalseSpeechCapHolds() {
        FrameSet frames = new FrameSet();
        frames.add(0, 10, 0.90, 0.05, 0.025, 0.025);
        frames.add(1, 10, 0.60, 0.30, 0.05, 0.05);
        frames.add(2, 9, 0.05, 0.05, 0.85, 0.05);
        frames.add(2, 1, 0.05, 0.35, 0.55, 0.05);
        frames.add(3, 10, 0.05, 0.05, 0.05, 0.85);
        LogitOffsetFit fit = frames.fit();

        LogitOffsetFit.Fitted free = fit.fit(1.0);
        assertEquals(Map.of("speech", 0.70, "music", 0.25), rounded(free.offsets().byLabel()));
        assertEquals(40, free.after().correct());

        LogitOffsetFit.Fitted capped = fit.fit(0.05);
        assertEquals(0, capped.after().count(2, 1));
        assertTrue(capped.offsets().byLabel().getOrDefault("speech", 0.0) <= 0.45 + 1e-9);
    }

    @Test
    void badInputIsRefused() {
        FrameSet frames = new FrameSet();
        frames.add(0, 1, 1, 0, 0, 0);
        LogitOffsetFit fit = frames.fit();
        assertThrows(IllegalArgumentException.class, () -> fit.fit(1.5));
        assertThrows(IllegalArgumentException.class, () -> fit.fit(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> fit.confusion(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new LogitOffsetFit(LABELS, new float[3], new int[1]));
    }

    /**
     * Through the engine: random weights, random clips with random reference runs; the fit's predicted confusion
     * with its offsets equals the confusion of the model with those offsets folded into its classifier bias, labelled
     * offline, on the frames outside the 3-frame collar. Exact: both take each frame's argmax of the same scores, up
     * to one float rounding of a log, and no frame here is that close to a tie.
     */
    @Test
    void theFittedOffsetsInTheBiasGiveThePredictedLabels() {
        EncoderWeights weights = EncoderWeights.random(
                Fixtures.tiny(PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU), 33);
        Random random = new Random(5);
        List<LabelledClip> clips = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            int length = 40 + random.nextInt(60);
            int[] targets = new int[length];
            int label = random.nextInt(4);
            for (int t = 0; t < length; t++) {
                if (random.nextInt(12) == 0) {
                    label = random.nextInt(5) - 1; // -1: an unlabelled stretch
                }
                targets[t] = label < 0 ? FrameTargets.UNLABELLED : label;
            }
            clips.add(new LabelledClip("clip-" + c, Fixtures.frames(random, length, weights.config().inputDims()),
                    targets));
        }
        LogitOffsetFit fit = LogitOffsetFit.of(weights, LabelSet.DEFAULT, clips, 3, 2);
        LogitOffsetFit.Fitted fitted = fit.fit(0.2);
        assertTrue(!fitted.offsets().byLabel().isEmpty(), "random weights leave something to fit");

        EncoderWeights shifted = fitted.offsets().applyTo(weights, LabelSet.DEFAULT);
        long[][] counts = new long[4][4];
        try (Encoder encoder = Encoder.create(shifted)) {
            for (LabelledClip clip : clips) {
                float[][] probabilities = encoder.probabilities(clip.frames());
                boolean[] collar = CollarMask.inCollar(clip.targets(), 3);
                for (int t = 0; t < clip.length(); t++) {
                    if (clip.targets()[t] != FrameTargets.UNLABELLED && !collar[t]) {
                        counts[clip.targets()[t]][Segmenter.argmax(probabilities[t])]++;
                    }
                }
            }
        }
        assertEquals(new ConfusionMatrix(LABELS, counts), fitted.after());
        assertEquals(fit.frames(), fitted.after().total());
    }

    private static Map<String, Double> rounded(Map<String, Double> offsets) {
        Map<String, Double> result = new java.util.TreeMap<>();
        offsets.forEach((label, offset) -> result.put(label, Math.round(offset * 100) / 100.0));
        return result;
    }

    /** Frames given as probabilities and their reference label. */
    private static final class FrameSet {

        private final List<float[]> logs = new ArrayList<>();
        private final List<Integer> targets = new ArrayList<>();

        void add(int target, int count, double... probabilities) {
            for (int i = 0; i < count; i++) {
                float[] row = new float[probabilities.length];
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) Math.log(probabilities[j]);
                }
                logs.add(row);
                targets.add(target);
            }
        }

        LogitOffsetFit fit() {
            float[] flat = new float[logs.size() * LABELS.size()];
            for (int f = 0; f < logs.size(); f++) {
                System.arraycopy(logs.get(f), 0, flat, f * LABELS.size(), LABELS.size());
            }
            return new LogitOffsetFit(LABELS, flat, targets.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}

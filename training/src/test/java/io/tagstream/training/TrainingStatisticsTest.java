package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

import io.tagstream.reference.FrameTargets;

/** Feature statistics, class weights and frame scores against hand-computed values. */
class TrainingStatisticsTest {

    private static final int U = FrameTargets.UNLABELLED;

    @Test
    void featureStatisticsAreThePopulationMeanAndStdWithAFloor() {
        List<LabelledClip> clips = List.of(
                new LabelledClip("a", new float[][] {{1, 5}, {3, 5}}, new int[] {0, 0}),
                new LabelledClip("b", new float[][] {{5, 5}}, new int[] {0}));
        FeatureStatistics statistics = FeatureStatistics.of(clips);
        assertArrayEquals(new float[] {3, 5}, statistics.mean());
        assertArrayEquals(new float[] {(float) Math.sqrt(8.0 / 3), (float) FeatureStatistics.MIN_STD},
                statistics.std());
    }

    @Test
    void inverseFrequencyWeightsGiveEveryPresentClassTheSameTotalAndAverageOne() {
        // 6 silence, 2 speech, 0 music, 4 noise, 2 unlabelled: N = 12, K = 3
        List<LabelledClip> clips = List.of(
                clip(new int[] {0, 0, 0, 0, 1, U}), clip(new int[] {0, 0, 1, 3, 3, 3, 3, U}));
        ClassWeights weights = ClassWeights.of(clips, 4, true);
        assertArrayEquals(new double[] {12.0 / 18, 2, 0, 1}, weights.weights(), 1e-12);
        assertEquals(1.0, (6 * weights.of(0) + 2 * weights.of(1) + 4 * weights.of(3)) / 12, 1e-12);
        assertArrayEquals(new double[] {1, 1, 1, 1}, ClassWeights.of(clips, 4, false).weights());
    }

    @Test
    void frameScoresMatchAHandComputedConfusionMatrix() {
        FrameScores scores = new FrameScores(4);
        int[][] pairs = {{0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 0}, {2, 2}, {U, 2}};
        for (int[] pair : pairs) {
            scores.add(pair[0], pair[1]);
        }
        assertEquals(6, scores.frames());
        assertEquals(4.0 / 6, scores.accuracy(), 1e-12);
        assertEquals(2.0 * 2 / (3 + 3), scores.f1(0), 1e-12);
        assertEquals(2.0 * 1 / (2 + 2), scores.f1(1), 1e-12);
        assertEquals(1.0, scores.f1(2), 1e-12);
        assertEquals(0.0, scores.f1(3), 1e-12);
        // class 3 is neither a target nor a prediction: it is left out of the macro average
        assertEquals((4.0 / 6 + 0.5 + 1.0) / 3, scores.macroF1(), 1e-12);
    }

    private static LabelledClip clip(int[] targets) {
        return new LabelledClip("c", new float[targets.length][1], targets);
    }
}

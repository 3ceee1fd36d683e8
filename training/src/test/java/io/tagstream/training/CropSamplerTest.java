package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Crops are contiguous pieces of long-enough clips with their own targets, class-weighted and normalised; a step's
 * batch depends only on the seed and the step; every crop position is equally likely.
 */
class CropSamplerTest {

    private static final int T = 10;
    // frame t of clip c holds (1000 c + t, -c), so a crop tells where it came from
    private static final List<LabelledClip> CLIPS = List.of(clip(0, 20), clip(1, 40), clip(2, 6));
    private static final ClassWeights WEIGHTS = new ClassWeights(new double[] {1, 2, 0.5});

    @Test
    void cropsAreContiguousPiecesOfLongEnoughClipsWithTheirTargets() {
        CropSampler sampler = new CropSampler(CLIPS, T, 5, WEIGHTS, 3, FeatureAugmentation.NONE);
        assertEquals(2, sampler.usableClips(), "the 6-frame clip is shorter than a crop");
        for (int step = 0; step < 20; step++) {
            Batch batch = sampler.batch(1, step);
            float[][][] features = crops(batch.features());               // [B][T][2]
            float[][] targets = batch.targets().toFloatMatrix();        // [B*T, 3]
            double totalWeight = 0;
            for (int b = 0; b < 5; b++) {
                int clip = Math.round(-features[b][0][1]);
                int start = Math.round(features[b][0][0]) - 1000 * clip;
                for (int t = 0; t < T; t++) {
                    assertEquals(1000 * clip + start + t, features[b][t][0], "contiguous crop of clip " + clip);
                    int label = CLIPS.get(clip).targets()[start + t];
                    assertEquals(label, batch.labels()[b * T + t]);
                    totalWeight += WEIGHTS.of(label);
                }
            }
            for (int row = 0; row < 5 * T; row++) {
                float[] expected = new float[3];
                expected[batch.labels()[row]] = (float) (WEIGHTS.of(batch.labels()[row]) / totalWeight);
                assertArrayEquals(expected, targets[row], 1e-7f);
            }
            assertEquals(1.0, batch.targets().sumNumber().doubleValue(), 1e-5);
        }
    }

    @Test
    void aStepsBatchDependsOnlyOnSeedAndStep() {
        CropSampler sampler = new CropSampler(CLIPS, T, 4, WEIGHTS, 3, FeatureAugmentation.NONE);
        INDArray first = sampler.batch(9, 3).features();
        assertEquals(first, new CropSampler(CLIPS, T, 4, WEIGHTS, 3, FeatureAugmentation.NONE).batch(9, 3).features());
        assertFalse(first.equals(sampler.batch(9, 4).features()));
        assertFalse(first.equals(sampler.batch(10, 3).features()));
    }

    @Test
    void everyCropPositionIsEquallyLikely() {
        CropSampler sampler = new CropSampler(CLIPS, T, 50, WEIGHTS, 3, FeatureAugmentation.NONE);
        int fromFirst = 0;
        int crops = 0;
        for (int step = 0; step < 60; step++) {
            float[][][] features = crops(sampler.batch(2, step).features());
            for (float[][] crop : features) {
                fromFirst += crop[0][1] == 0f ? 1 : 0;
                crops++;
            }
        }
        double expected = 11.0 / (11 + 31);   // crop positions: 20 - 10 + 1 and 40 - 10 + 1
        assertEquals(expected, (double) fromFirst / crops, 0.03, "3000 crops, standard error 0.008");
    }

    @Test
    void noClipLongEnoughIsAOneLineError() {
        TrainingDataException e = assertThrows(TrainingDataException.class,
                () -> new CropSampler(List.of(clip(0, 6)), T, 2, WEIGHTS, 3, FeatureAugmentation.NONE));
        assertTrue(e.getMessage().startsWith("no training clip has the 10 frames of a crop"), e.getMessage());
    }

    /** {@code [B, T, I]} as nested arrays. */
    private static float[][][] crops(INDArray features) {
        long[] shape = features.shape();
        float[] flat = features.dup('c').data().asFloat();
        float[][][] crops = new float[(int) shape[0]][(int) shape[1]][(int) shape[2]];
        for (int i = 0; i < flat.length; i++) {
            crops[i / (int) (shape[1] * shape[2])][(int) (i / shape[2] % shape[1])][(int) (i % shape[2])] = flat[i];
        }
        return crops;
    }

    private static LabelledClip clip(int index, int length) {
        float[][] frames = new float[length][];
        int[] targets = new int[length];
        for (int t = 0; t < length; t++) {
            frames[t] = new float[] {1000 * index + t, -index};
            targets[t] = (t / 3 + index) % 3;
        }
        return new LabelledClip("clip" + index, frames, targets);
    }
}

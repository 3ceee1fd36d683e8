package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.model.Activation;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import io.tagstream.reference.FrameTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevEvaluationTest {

    private static final EncoderConfig CONFIG =
            Fixtures.tiny(PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU);
    private static final EncoderWeights WEIGHTS = EncoderWeights.random(CONFIG, 11);

    /**
     * Seven clips of 0..700 frames (one empty; two longer than the engine's 256-row blocks, so that several threads
     * split them), with unlabelled frames among the targets.
     */
    private static List<LabelledClip> clips() {
        Random random = new Random(17);
        List<LabelledClip> clips = new ArrayList<>();
        int[] lengths = {23, 0, 700, 1, 17, 530, 9};
        for (int c = 0; c < lengths.length; c++) {
            int[] targets = new int[lengths[c]];
            for (int t = 0; t < targets.length; t++) {
                targets[t] = random.nextInt(CONFIG.labelCount() + 1) - 1;
            }
            clips.add(new LabelledClip("clip" + c, Fixtures.frames(random, lengths[c], CONFIG.inputDims()), targets));
        }
        return clips;
    }

    @Test
    void scoresEveryLabelledFrameByTheEnginesArgmaxAndMeanCrossEntropy() {
        List<LabelledClip> clips = clips();
        long[][] confusion = new long[CONFIG.labelCount()][CONFIG.labelCount()];
        double lossSum = 0;
        long frames = 0;
        try (Encoder encoder = Encoder.create(WEIGHTS)) {
            for (LabelledClip clip : clips) {
                if (clip.length() == 0) {
                    continue;
                }
                float[][] probabilities = encoder.probabilities(clip.frames());
                for (int t = 0; t < clip.length(); t++) {
                    int target = clip.targets()[t];
                    if (target == FrameTargets.UNLABELLED) {
                        continue;
                    }
                    int best = 0;
                    for (int c = 1; c < probabilities[t].length; c++) {
                        if (probabilities[t][c] > probabilities[t][best]) {
                            best = c;
                        }
                    }
                    confusion[target][best]++;
                    lossSum -= Math.log(probabilities[t][target]);
                    frames++;
                }
            }
        }
        DevEvaluation evaluation = DevEvaluation.of(WEIGHTS, clips);
        assertTrue(frames > 50, "the fixture has labelled frames: " + frames);
        assertEquals(frames, evaluation.scores().frames());
        assertArrayEquals(confusion, evaluation.scores().confusion());
        assertEquals(lossSum / frames, evaluation.loss(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7, 9})
    void anyNumberOfThreadsGivesTheSameEvaluationToTheBit(int threads) {
        List<LabelledClip> clips = clips();
        DevEvaluation one = DevEvaluation.of(WEIGHTS, clips, 1);
        DevEvaluation many = DevEvaluation.of(WEIGHTS, clips, threads);
        assertEquals(Double.doubleToLongBits(one.loss()), Double.doubleToLongBits(many.loss()));
        assertArrayEquals(one.scores().confusion(), many.scores().confusion());
    }

    @Test
    void noClipsScoreNothing() {
        DevEvaluation evaluation = DevEvaluation.of(WEIGHTS, List.of(), 2);
        assertEquals(0, evaluation.scores().frames());
        assertEquals(0.0, evaluation.loss());
    }

    @Test
    void threadCountOutOfRangeIsAOneLineError() {
        IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> DevEvaluation.of(WEIGHTS, clips(), 0));
        assertEquals("threads must be 1..64, got 0", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DevEvaluation.of(WEIGHTS, clips(), 65));
    }
}

package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.model.Activation;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.LabelSet;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LogitOffsets} against the prior-shift formula computed in plain Java from the unshifted model's
 * probabilities, {@code p'_c = p_c e^(o_c) / sum_j p_j e^(o_j)}, through the inference engine (tolerance 1e-5 on
 * probabilities, float32 model).
 */
class LogitOffsetsTest {

    private static final EncoderWeights WEIGHTS = EncoderWeights.random(
            Fixtures.tiny(PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU), 21);

    @Test
    void offsetsShiftThePriorOfEveryFrame() {
        Map<String, Double> offsets = Map.of("speech", -1.5, "noise", 0.75);
        EncoderWeights shifted = new LogitOffsets(offsets).applyTo(WEIGHTS, LabelSet.DEFAULT);
        float[][] frames = Fixtures.frames(new Random(4), 30, WEIGHTS.config().inputDims());
        float[][] before;
        float[][] after;
        try (Encoder plain = Encoder.create(WEIGHTS); Encoder moved = Encoder.create(shifted)) {
            before = plain.probabilities(frames);
            after = moved.probabilities(frames);
        }
        double[] factor = {1, Math.exp(-1.5), 1, Math.exp(0.75)};   // silence, speech, music, noise
        double worst = 0;
        for (int t = 0; t < frames.length; t++) {
            double sum = 0;
            for (int c = 0; c < 4; c++) {
                sum += before[t][c] * factor[c];
            }
            for (int c = 0; c < 4; c++) {
                worst = Math.max(worst, Math.abs(before[t][c] * factor[c] / sum - after[t][c]));
            }
        }
        assertTrue(worst <= 1e-5, "differs from the prior shift by " + worst);
        float[] bias = WEIGHTS.classifierBias().toArray();
        assertArrayEquals(new float[] {bias[0], bias[1] - 1.5f, bias[2], bias[3] + 0.75f},
                shifted.classifierBias().toArray());
    }

    @Test
    void noOffsetsLeaveTheWeightsAlone() {
        assertSame(WEIGHTS, LogitOffsets.NONE.applyTo(WEIGHTS, LabelSet.DEFAULT));
    }

    @Test
    void unknownLabelsAndHugeOffsetsAreOneLineErrors() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new LogitOffsets(Map.of("speach", -1.0)).applyTo(WEIGHTS, LabelSet.DEFAULT));
        assertEquals("decision.logitOffsets names the label 'speach', which is not one of silence, speech, music, noise",
                unknown.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> new LogitOffsets(Map.of("speech", 25.0)));
        assertEquals("logit offset of speech must be within +-20.0, got 25.0", huge.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LogitOffsets(Map.of("speech", Double.NaN)));
    }
}

package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The offline path on a one-hour recording (360 000 frames): it must run in memory linear in T (a [T, T] float
 * matrix would need 518 GB), and its blockwise banded attention must give, deep inside the recording, what a short
 * excerpt around the same frames gives.
 */
class LongRecordingTest {

    @Test
    void oneHourOfflineMatchesShortExcerptsAroundAnyFrame() {
        EncoderConfig config = new EncoderConfig(3, 8, 2, 8, 2, 6, 2, 4, PositionEncoding.ROTARY,
                NormPlacement.PRE_NORM, Activation.RELU);
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 12));
        int hour = 360_000;
        float[][] frames = TestModels.randomFrames(new Random(13), hour, config.inputDims());
        float[][] probabilities = encoder.probabilities(frames);
        assertEquals(hour, probabilities.length);

        int reachBack = config.layers() * config.leftContext();     // receptive field of a frame
        int reachAhead = config.layers() * config.rightContext();
        Random random = new Random(14);
        for (int check = 0; check < 20; check++) {
            int from = reachBack + random.nextInt(hour - 200 - reachBack - reachAhead);
            int count = 1 + random.nextInt(150);
            float[][] excerpt = TestModels.slice(frames, from - reachBack, reachBack + count + reachAhead);
            float[][] local = TestModels.slice(encoder.probabilities(excerpt), reachBack, count);
            double diff = TestModels.maxAbsDiff(TestModels.slice(probabilities, from, count), local);
            assertTrue(diff <= 1e-4, "frames " + from + ".." + (from + count) + ": " + diff);
        }
    }
}

package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The offline path fed in chunks through windows gives the whole-recording offline probabilities bit for bit, for
 * random architectures (rotary and learned-bias positions, with and without a front end, and the front end alone),
 * block sizes, GEMMs, window steps and chunkings, and holds no more than one window of frames.
 */
class OfflineStreamTest {

    @Test
    void anyChunkingAndWindowStepEqualsTheWholeRecordingExactly() {
        chunkedEqualsWholeRecordingExactly(new Random(15), 60, TestModels::randomConfig);
    }

    @Test
    void aFrontEndModelChunkedThroughWindowsEqualsTheWholeRecordingExactly() {
        chunkedEqualsWholeRecordingExactly(new Random(16), 40, TestModels::randomConfigWithFrontEnd);
    }

    @Test
    void aConvOnlyModelChunkedThroughWindowsEqualsTheWholeRecordingExactly() {
        chunkedEqualsWholeRecordingExactly(new Random(17), 40, TestModels::randomConvOnlyConfig);
    }

    private static void chunkedEqualsWholeRecordingExactly(Random random, int trials,
            Function<Random, EncoderConfig> configs) {
        for (int trial = 0; trial < trials; trial++) {
            EncoderConfig config = configs.apply(random);
            EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
            Encoder encoder = Encoder.create(weights, StreamingEquivalenceTest.randomOptions(random, config)
                    .withThreads(1 + random.nextInt(2)));
            float[][] frames = TestModels.randomFrames(random, random.nextInt(400), config.inputDims());
            float[][] whole = encoder.probabilities(frames);

            OfflineStream stream = new OfflineStream(encoder, 1 + random.nextInt(40));
            List<EmittedFrames> parts = new ArrayList<>();
            int received = 0;
            for (int size : TestModels.randomChunking(random, frames.length)) {
                parts.add(stream.accept(TestModels.slice(frames, received, size)));
                received += size;
            }
            parts.add(stream.flush());
            float[][] chunked = TestModels.concat(parts, 0);
            encoder.close();
            String what = "trial " + trial + " " + config + " " + encoder.options() + " T=" + frames.length
                    + " window " + stream.windowFrames();
            assertEquals(whole.length, chunked.length, what);
            for (int t = 0; t < whole.length; t++) {
                assertArrayEquals(whole[t], chunked[t], 0f, what + " frame " + t);
            }
        }
    }

    @Test
    void framesComeOutAStepAtATimeOnceTheRightMarginHasArrived() {
        Random random = new Random(2);
        EncoderConfig config = TestModels.randomConfig(random);
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 9), InferenceOptions.defaults(config)
                .withBlockRows(4));
        OfflineStream stream = new OfflineStream(encoder, 10); // 12 frames a step (3 blocks)
        int right = (config.layers() * ((config.trainedSpan().right() + 3) / 4)
                + (config.frontEnd().rightContext() + 3) / 4) * 4;
        int left = (config.layers() * ((config.trainedSpan().left() + 3) / 4)
                + (config.frontEnd().leftContext() + 3) / 4) * 4;
        assertEquals(left + 12 + right, stream.windowFrames());
        float[][] frames = TestModels.randomFrames(random, 12 + right - 1, config.inputDims());
        assertTrue(stream.accept(frames).isEmpty(), "the first step waits for its right margin");
        EmittedFrames first = stream.accept(TestModels.randomFrames(random, 1, config.inputDims()));
        assertEquals(0, first.firstFrame());
        assertEquals(12, first.count());
        EmittedFrames rest = stream.flush();
        assertEquals(12, rest.firstFrame());
        assertEquals(right, rest.count());
        assertThrows(IllegalStateException.class, () -> stream.accept(new float[0][]));
    }

    @Test
    void aConvOnlyModelsMarginsAreItsFrontEndsContextsInWholeBlocks() {
        EncoderConfig config = TestModels.convOnly91();   // left contexts 23 + 23 + 24 = 70, right 20
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 3), InferenceOptions.defaults(config)
                .withBlockRows(16));
        assertEquals(5 * 16 + 32 + 2 * 16, new OfflineStream(encoder, 32).windowFrames(),
                "ceil(70 / 16) blocks before, 2 blocks of step, ceil(20 / 16) blocks after");
    }

    @Test
    void aMalformedFrameIsRefusedWithItsShape() {
        EncoderConfig config = TestModels.randomConfig(new Random(4));
        OfflineStream stream = Encoder.create(EncoderWeights.random(config, 1)).newOfflineStream();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stream.accept(new float[][] {new float[config.inputDims() + 1]}));
        assertTrue(e.getMessage().contains("expected " + config.inputDims()), e.getMessage());
    }
}

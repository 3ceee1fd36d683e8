package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Several threads per call give the single-threaded results, offline and batched. */
class ParallelismTest {

    @Test
    void threadedOfflineAndBatchedStreamingEqualSingleThreaded() {
        Random random = new Random(61);
        for (int trial = 0; trial < 12; trial++) {
            EncoderConfig config = TestModels.randomConfig(random);
            EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
            InferenceOptions base = InferenceOptions.defaults(config).withBlockRows(1 + random.nextInt(8))
                    .withGemm(GemmChoice.values()[random.nextInt(3)]);
            int threads = 2 + random.nextInt(3);
            try (Encoder single = Encoder.create(weights, base);
                 Encoder parallel = Encoder.create(weights, base.withThreads(threads))) {
                float[][] frames = TestModels.randomFrames(random, 1 + random.nextInt(80), config.inputDims());
                double offlineDiff = TestModels.maxAbsDiff(parallel.probabilities(frames), single.probabilities(frames));
                assertTrue(offlineDiff <= 1e-5, "trial " + trial + " offline with " + threads + " threads: " + offlineDiff);
                int frame = random.nextInt(frames.length);
                List<LayerAttention> a = parallel.attention(frames, frame);
                List<LayerAttention> b = single.attention(frames, frame);
                for (int l = 0; l < a.size(); l++) {
                    for (int h = 0; h < config.heads(); h++) {
                        for (int j = 0; j < a.get(l).span().width(); j++) {
                            assertEquals(b.get(l).weights()[h][j], a.get(l).weights()[h][j], 1e-5);
                        }
                    }
                }
                assertBatchesAgree(single, parallel, random, "trial " + trial);
            }
        }
    }

    private static void assertBatchesAgree(Encoder single, Encoder parallel, Random random, String what) {
        int count = 1 + random.nextInt(7);
        List<StreamState> one = new ArrayList<>();
        List<StreamState> many = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            one.add(single.newStream());
            many.add(parallel.newStream());
        }
        for (int round = 0; round < 6; round++) {
            List<float[][]> chunks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                chunks.add(TestModels.randomFrames(random, random.nextInt(12), single.config().inputDims()));
            }
            compare(single.acceptAll(one, chunks), parallel.acceptAll(many, chunks), what + " round " + round);
        }
        compare(single.flushAll(one), parallel.flushAll(many), what + " flush");
    }

    private static void compare(List<EmittedFrames> expected, List<EmittedFrames> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).firstFrame(), actual.get(i).firstFrame(), what);
            double diff = TestModels.maxAbsDiff(actual.get(i).probabilities(), expected.get(i).probabilities());
            assertTrue(diff <= 1e-5, what + " stream " + i + ": " + diff);
        }
    }
}

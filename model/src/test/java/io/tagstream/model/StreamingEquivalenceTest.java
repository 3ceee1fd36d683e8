package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * PRODUCT.md invariant 1: streaming (any chunking, one stream or many per call) gives the offline probabilities,
 * within 1e-4, over random architectures (with and without a convolutional front end, and the front end alone),
 * weights, recordings and chunkings (seeded: from empty and 1-frame chunks to chunks many times a front end's
 * receptive field); and frames are emitted exactly when their lookahead has arrived.
 */
class StreamingEquivalenceTest {

    private static final double TOLERANCE = 1e-4;

    @Test
    void anyChunkingOfOneStreamEqualsOfflineAndOracle() {
        anyChunkingEqualsOfflineAndOracle(new Random(31), 60, TestModels::randomConfig);
    }

    @Test
    void anyChunkingOfAStreamWithAFrontEndEqualsOfflineAndOracle() {
        anyChunkingEqualsOfflineAndOracle(new Random(35), 40, TestModels::randomConfigWithFrontEnd);
    }

    @Test
    void anyChunkingOfAConvOnlyStreamEqualsOfflineAndOracle() {
        anyChunkingEqualsOfflineAndOracle(new Random(37), 40, TestModels::randomConvOnlyConfig);
    }

    private static void anyChunkingEqualsOfflineAndOracle(Random random, int trials,
            Function<Random, EncoderConfig> configs) {
        for (int trial = 0; trial < trials; trial++) {
            EncoderConfig config = configs.apply(random);
            EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
            float[][] frames = TestModels.randomFrames(random, 1 + random.nextInt(60), config.inputDims());
            Encoder encoder = Encoder.create(weights, randomOptions(random, config));
            float[][] offline = encoder.probabilities(frames);
            double[][] oracle = new ReferenceEncoder(weights).run(frames).probabilities();

            StreamState stream = encoder.newStream();
            List<EmittedFrames> parts = new ArrayList<>();
            int received = 0;
            for (int size : TestModels.randomChunking(random, frames.length)) {
                parts.add(stream.accept(TestModels.slice(frames, received, size)));
                received += size;
                assertEquals(received, stream.framesReceived());
                assertEquals(Math.max(0, received - encoder.latencyFrames()), stream.framesEmitted(),
                        "a frame is emitted exactly when its N*R frames of lookahead have arrived");
                if (config.layers() == 0) {
                    assertEquals(List.of(), stream.latestAttention(), "a conv-only model has no attention");
                }
            }
            parts.add(stream.flush());
            float[][] streamed = TestModels.concat(parts, 0);
            String what = "trial " + trial + " " + config + " " + encoder.options() + " T=" + frames.length;
            assertTrue(TestModels.maxAbsDiff(streamed, offline) <= TOLERANCE, what + " vs offline");
            assertTrue(TestModels.maxAbsDiff(streamed, oracle) <= TOLERANCE, what + " vs oracle");
        }
    }

    @Test
    void batchedStreamsWithDifferentChunkCountsEqualTheirOfflineRuns() {
        batchedStreamsEqualTheirOfflineRuns(new Random(32), 25, TestModels::randomConfig);
    }

    @Test
    void batchedStreamsWithAFrontEndEqualTheirOfflineRuns() {
        batchedStreamsEqualTheirOfflineRuns(new Random(36), 20, TestModels::randomConfigWithFrontEnd);
    }

    @Test
    void batchedConvOnlyStreamsEqualTheirOfflineRuns() {
        batchedStreamsEqualTheirOfflineRuns(new Random(38), 20, TestModels::randomConvOnlyConfig);
    }

    private static void batchedStreamsEqualTheirOfflineRuns(Random random, int trials,
            Function<Random, EncoderConfig> configs) {
        for (int trial = 0; trial < trials; trial++) {
            EncoderConfig config = configs.apply(random);
            Encoder encoder = Encoder.create(EncoderWeights.random(config, random.nextLong()),
                    randomOptions(random, config));
            int streamCount = 1 + random.nextInt(6);
            List<float[][]> recordings = new ArrayList<>();
            List<List<Integer>> chunkings = new ArrayList<>();
            List<StreamState> streams = new ArrayList<>();
            List<List<EmittedFrames>> emitted = new ArrayList<>();
            for (int i = 0; i < streamCount; i++) {
                recordings.add(TestModels.randomFrames(random, random.nextInt(50), config.inputDims()));
                chunkings.add(new ArrayList<>(TestModels.randomChunking(random, recordings.get(i).length)));
                streams.add(encoder.newStream());
                emitted.add(new ArrayList<>());
            }
            int[] consumed = new int[streamCount];
            for (int round = 0; round < 400 && chunkings.stream().anyMatch(c -> !c.isEmpty()); round++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < streamCount; i++) {
                    if (random.nextInt(3) > 0) {
                        order.add(i); // a random subset of the streams, in random order
                    }
                }
                Collections.shuffle(order, random);
                List<StreamState> batch = new ArrayList<>();
                List<float[][]> chunks = new ArrayList<>();
                for (int i : order) {
                    int size = chunkings.get(i).isEmpty() ? 0 : chunkings.get(i).remove(0);
                    batch.add(streams.get(i));
                    chunks.add(TestModels.slice(recordings.get(i), consumed[i], size));
                    consumed[i] += size;
                }
                List<EmittedFrames> out = encoder.acceptAll(batch, chunks);
                for (int j = 0; j < order.size(); j++) {
                    emitted.get(order.get(j)).add(out.get(j));
                }
            }
            List<EmittedFrames> flushed = encoder.flushAll(streams);
            for (int i = 0; i < streamCount; i++) {
                assertEquals(recordings.get(i).length, consumed[i], "test fed every frame");
                emitted.get(i).add(flushed.get(i));
                float[][] streamed = TestModels.concat(emitted.get(i), 0);
                double diff = TestModels.maxAbsDiff(streamed, encoder.probabilities(recordings.get(i)));
                assertTrue(diff <= TOLERANCE, "trial " + trial + " stream " + i + " of " + streamCount + ": " + diff);
            }
        }
    }

    @Test
    void emittedRowsAreProbabilityDistributions() {
        Random random = new Random(33);
        EncoderConfig config = TestModels.randomConfig(random);
        StreamState stream = Encoder.create(EncoderWeights.random(config, 3)).newStream();
        float[][] frames = TestModels.randomFrames(random, 30, config.inputDims());
        List<EmittedFrames> parts = List.of(stream.accept(frames), stream.flush());
        for (float[] row : TestModels.concat(parts, 0)) {
            double sum = 0;
            for (float p : row) {
                assertTrue(p >= 0f && p <= 1f);
                sum += p;
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @Test
    void latestAttentionOfAStreamEqualsOfflineAttentionOfThatFrame() {
        Random random = new Random(34);
        for (int trial = 0; trial < 10; trial++) {
            EncoderConfig config = TestModels.randomConfig(random);
            Encoder encoder = Encoder.create(EncoderWeights.random(config, random.nextLong()));
            float[][] frames = TestModels.randomFrames(random, 20 + random.nextInt(20), config.inputDims());
            StreamState stream = encoder.newStream();
            int received = 0;
            for (int size : TestModels.randomChunking(random, frames.length)) {
                stream.accept(TestModels.slice(frames, received, size));
                received += size;
            }
            float[][] seen = TestModels.slice(frames, 0, received);
            for (LayerAttention latest : stream.latestAttention()) {
                assertEquals(received - config.frontEnd().rightContext() - (latest.layer() + 1L) * config.rightContext()
                        - 1, latest.frame());
                LayerAttention offline = encoder.attention(seen, (int) latest.frame()).get(latest.layer());
                for (int h = 0; h < config.heads(); h++) {
                    for (int j = 0; j < latest.span().width(); j++) {
                        assertEquals(offline.weights()[h][j], latest.weights()[h][j], 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void malformedChunksAreRejectedWithoutChangingTheStream() {
        EncoderConfig config = new EncoderConfig(3, 4, 2, 8, 2, 3, 1, 4, PositionEncoding.ROTARY,
                NormPlacement.PRE_NORM, Activation.GELU);
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 9));
        StreamState stream = encoder.newStream();
        stream.accept(new float[][] {{1, 2, 3}, {4, 5, 6}});
        IllegalArgumentException wrongLength = assertThrows(IllegalArgumentException.class,
                () -> stream.accept(new float[][] {{1, 2, 3}, {1, 2}}));
        assertEquals("frame 1 of the chunk of stream 0 has 2 values, expected 3", wrongLength.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> stream.accept(new float[][] {{1, Float.NaN, 3}}));
        assertTrue(nan.getMessage().contains("non-finite value NaN at feature 1"), nan.getMessage());
        assertEquals(2, stream.framesReceived(), "rejected chunks leave the stream unchanged");
        assertThrows(IllegalArgumentException.class, () -> encoder.acceptAll(List.of(stream, stream),
                List.of(new float[0][], new float[0][])));
        Encoder other = Encoder.create(EncoderWeights.random(config, 10));
        assertThrows(IllegalArgumentException.class, () -> other.acceptAll(List.of(stream),
                List.<float[][]>of(new float[0][])));
        stream.flush();
        assertThrows(IllegalStateException.class, () -> stream.accept(new float[][] {{1, 2, 3}}));
    }

    /** Random block size (small ones force slicing of chunks) and GEMM implementation. */
    static InferenceOptions randomOptions(Random random, EncoderConfig config) {
        int blockRows = new int[] {1, 2, 5, 16, 256}[random.nextInt(5)];
        GemmChoice gemm = GemmChoice.values()[random.nextInt(GemmChoice.values().length)];
        return InferenceOptions.defaults(config).withBlockRows(blockRows).withGemm(gemm);
    }
}

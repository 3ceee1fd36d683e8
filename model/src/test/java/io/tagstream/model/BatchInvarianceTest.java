package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * With a row-invariant GEMM (plain Java, {@link GemmChoice#JAVA}, and ND4J in a checked layout,
 * {@link GemmChoice#ND4J_ROW_INVARIANT}, the streams app's engine), a frame's probabilities are a function of its
 * stream's frames alone, to the last bit: they do not depend on the chunking, on which other streams share a batched
 * {@link Encoder#acceptAll} call, on the block size, on the thread count, or on a {@link Encoder#rebuild} in between.
 * This is what lets the streams app batch freely and still replay byte-identically (invariant 4); a convolutional
 * front end keeps it so (its kernel sums every output in one fixed order), with attention blocks after it or alone.
 * The reference is the same stream fed one frame at a time, alone, on the same engine. The same comparison finds the
 * difference in the plain ND4J call pattern (a BLAS call per batch of any row count), so it can tell.
 */
class BatchInvarianceTest {

    @Test
    void framesGetTheSameBitsHoweverTheyAreChunkedBatchedOrRebuilt() {
        sameBitsHoweverChunkedBatchedOrRebuilt(new Random(77), 60, TestModels::randomConfig, GemmChoice.JAVA);
    }

    @Test
    void framesOfAFrontEndModelGetTheSameBitsHoweverTheyAreChunkedBatchedOrRebuilt() {
        sameBitsHoweverChunkedBatchedOrRebuilt(new Random(78), 40, TestModels::randomConfigWithFrontEnd,
                GemmChoice.JAVA);
    }

    @Test
    void framesOfAConvOnlyModelGetTheSameBitsHoweverTheyAreChunkedBatchedOrRebuilt() {
        sameBitsHoweverChunkedBatchedOrRebuilt(new Random(79), 40, TestModels::randomConvOnlyConfig, GemmChoice.JAVA);
    }

    @Test
    void onTheNd4jEngineFramesGetTheSameBitsHoweverTheyAreChunkedBatchedOrRebuilt() {
        sameBitsHoweverChunkedBatchedOrRebuilt(new Random(80), 20, TestModels::randomConfig,
                GemmChoice.ND4J_ROW_INVARIANT);
        sameBitsHoweverChunkedBatchedOrRebuilt(new Random(81), 12, TestModels::randomConfigWithFrontEnd,
                GemmChoice.ND4J_ROW_INVARIANT);
        sameBitsHoweverChunkedBatchedOrRebuilt(new Random(82), 12, TestModels::randomConvOnlyConfig,
                GemmChoice.ND4J_ROW_INVARIANT);
    }

    @Test
    void onTheNd4jEngineFramesOfTheShippedDesignGetTheSameBitsHoweverBatched() {
        sameBitsHoweverChunkedBatchedOrRebuilt(new Random(83), 3, random -> TestModels.shippedDesign(),
                GemmChoice.ND4J_ROW_INVARIANT);
    }

    @Test
    void thePlainNd4jCallPatternGivesFramesOtherBitsWhenBatched() {
        Random random = new Random(84);
        EncoderConfig config = TestModels.shippedDesign();
        EncoderWeights weights = EncoderWeights.random(config, 5);
        float[][] frames = TestModels.randomFrames(random, 120, config.inputDims());
        Optional<String> difference = Optional.empty();
        try (Encoder encoder = Encoder.create(weights, InferenceOptions.defaults(config).withGemm(GemmChoice.ND4J))) {
            float[][] alone = oneFrameAtATime(encoder, frames);
            for (int trial = 0; trial < 5 && difference.isEmpty(); trial++) {
                difference = firstDifference(alone, batchedWithOthers(encoder, frames, random), "trial " + trial);
            }
        }
        assertTrue(difference.isPresent(), "plain ND4J gave every frame the same bits however batched: the "
                + "comparison could not tell a row-invariant engine from one that is not");
    }

    private static void sameBitsHoweverChunkedBatchedOrRebuilt(Random random, int trials,
            Function<Random, EncoderConfig> configs, GemmChoice gemm) {
        for (int trial = 0; trial < trials; trial++) {
            EncoderConfig config = configs.apply(random);
            EncoderWeights weights = EncoderWeights.random(config, random.nextLong());
            float[][] frames = TestModels.randomFrames(random, 20 + random.nextInt(120), config.inputDims());
            float[][] alone;
            try (Encoder reference = Encoder.create(weights, InferenceOptions.defaults(config).withGemm(gemm))) {
                assertTrue(reference.engine().startsWith(gemm == GemmChoice.JAVA ? "java" : "nd4j"),
                        "engine " + reference.engine());
                alone = oneFrameAtATime(reference, frames);
            }
            InferenceOptions options = InferenceOptions.defaults(config).withGemm(gemm)
                    .withBlockRows(1 + random.nextInt(40)).withThreads(1 + random.nextInt(2));
            try (Encoder encoder = Encoder.create(weights, options)) {
                String what = "trial " + trial + " " + config + " " + options + " on " + encoder.engine();
                assertBitwiseEqual(alone, batchedWithOthers(encoder, frames, random), what + " batched");

                int cut = encoder.contextFrames() + random.nextInt(Math.max(1, frames.length - encoder.contextFrames()
                        + 1));
                if (cut > frames.length - 1) {
                    continue;
                }
                StreamState rebuilt = encoder.rebuild(TestModels.slice(frames, cut - encoder.contextFrames(),
                        encoder.contextFrames()), cut - encoder.contextFrames());
                long firstEmitted = rebuilt.framesEmitted();
                List<EmittedFrames> parts = new ArrayList<>();
                int received = cut;
                for (int size : TestModels.randomChunking(random, frames.length - cut)) {
                    parts.add(rebuilt.accept(TestModels.slice(frames, received, size)));
                    received += size;
                }
                parts.add(rebuilt.flush());
                float[][] afterRebuild = TestModels.concat(parts, firstEmitted);
                assertEquals(frames.length - firstEmitted, afterRebuild.length, what + " rebuilt at " + cut);
                assertBitwiseEqual(TestModels.slice(alone, (int) firstEmitted, afterRebuild.length), afterRebuild,
                        what + " rebuilt at " + cut);
            }
        }
    }

    private static float[][] oneFrameAtATime(Encoder encoder, float[][] frames) {
        StreamState stream = encoder.newStream();
        List<EmittedFrames> parts = new ArrayList<>();
        for (float[] frame : frames) {
            parts.add(stream.accept(new float[][] {frame}));
        }
        parts.add(stream.flush());
        return TestModels.concat(parts, 0);
    }

    /** Stream 0 gets {@code frames} in random chunks, batched with up to five other random streams. */
    private static float[][] batchedWithOthers(Encoder encoder, float[][] frames, Random random) {
        int count = 1 + random.nextInt(6);
        List<float[][]> recordings = new ArrayList<>();
        List<List<Integer>> chunkings = new ArrayList<>();
        List<StreamState> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[][] recording = i == 0 ? frames : TestModels.randomFrames(random, random.nextInt(150),
                    encoder.config().inputDims());
            recordings.add(recording);
            chunkings.add(new ArrayList<>(TestModels.randomChunking(random, recording.length)));
            streams.add(encoder.newStream());
        }
        List<EmittedFrames> parts = new ArrayList<>();
        int[] consumed = new int[count];
        while (chunkings.stream().anyMatch(c -> !c.isEmpty())) {
            List<StreamState> batch = new ArrayList<>();
            List<float[][]> chunks = new ArrayList<>();
            int streamZeroAt = -1;
            for (int i = 0; i < count; i++) {
                if (!chunkings.get(i).isEmpty() && random.nextInt(3) > 0) {
                    int size = chunkings.get(i).remove(0);
                    if (i == 0) {
                        streamZeroAt = batch.size();
                    }
                    batch.add(streams.get(i));
                    chunks.add(TestModels.slice(recordings.get(i), consumed[i], size));
                    consumed[i] += size;
                }
            }
            List<EmittedFrames> emitted = encoder.acceptAll(batch, chunks);
            if (streamZeroAt >= 0) {
                parts.add(emitted.get(streamZeroAt));
            }
        }
        parts.add(encoder.flushAll(streams).get(0));
        return TestModels.concat(parts, 0);
    }

    private static void assertBitwiseEqual(float[][] expected, float[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": frame count");
        Optional<String> difference = firstDifference(expected, actual, what);
        assertTrue(difference.isEmpty(), difference.orElse(""));
    }

    /** The first frame whose bits differ (frames of equal count), if any. */
    private static Optional<String> firstDifference(float[][] expected, float[][] actual, String what) {
        for (int f = 0; f < expected.length; f++) {
            if (!Arrays.equals(expected[f], actual[f])) {
                return Optional.of(what + ": frame " + f + " differs: " + Arrays.toString(expected[f]) + " vs "
                        + Arrays.toString(actual[f]));
            }
        }
        return Optional.empty();
    }
}

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
 * Fail-over: a stream's state rebuilt from its last {@code contextFrames()} frames, N*(L+R) plus a front end's
 * receptive field (and the index of the first), equals the uninterrupted run's state (every front-end conv cache
 * and every layer cache), and both continue identically; also for a model of the front end alone (no blocks).
 */
class RebuildTest {

    @Test
    void rebuiltStateEqualsUninterruptedStateAndContinuesIdentically() {
        rebuiltStateEqualsUninterruptedState(new Random(41), 40, TestModels::randomConfig);
    }

    @Test
    void rebuiltStateWithAFrontEndEqualsUninterruptedStateAndContinuesIdentically() {
        rebuiltStateEqualsUninterruptedState(new Random(44), 40, TestModels::randomConfigWithFrontEnd);
    }

    @Test
    void rebuiltStateOfAConvOnlyModelEqualsUninterruptedStateAndContinuesIdentically() {
        rebuiltStateEqualsUninterruptedState(new Random(45), 40, TestModels::randomConvOnlyConfig);
    }

    private static void rebuiltStateEqualsUninterruptedState(Random random, int trials,
            Function<Random, EncoderConfig> configs) {
        for (int trial = 0; trial < trials; trial++) {
            EncoderConfig config = configs.apply(random);
            Encoder encoder = Encoder.create(EncoderWeights.random(config, random.nextLong()),
                    StreamingEquivalenceTest.randomOptions(random, config));
            int context = encoder.contextFrames();
            int received = random.nextInt(3 * context + 2);
            float[][] frames = TestModels.randomFrames(random, received + 1 + random.nextInt(30), config.inputDims());

            StreamState original = encoder.newStream();
            feed(original, TestModels.slice(frames, 0, received), random);
            int given = received <= context ? received : context + random.nextInt(received - context + 1);
            long firstIndex = received <= context ? 0 : received - given;
            StreamState rebuilt = encoder.rebuild(TestModels.slice(frames, (int) firstIndex, given), firstIndex);

            String what = "trial " + trial + " " + config + " received " + received + " given " + given;
            assertEquals(original.framesReceived(), rebuilt.framesReceived(), what);
            assertEquals(original.framesEmitted(), rebuilt.framesEmitted(), what);
            assertCachesEqual(original, rebuilt, encoder, what);

            float[][] rest = TestModels.slice(frames, received, frames.length - received);
            List<Integer> chunking = TestModels.randomChunking(random, rest.length);
            float[][] continued = continueAndFlush(original, rest, chunking);
            float[][] afterRebuild = continueAndFlush(rebuilt, rest, chunking);
            assertTrue(TestModels.maxAbsDiff(afterRebuild, continued) <= 1e-4, what);
            float[][] offline = encoder.probabilities(frames);
            float[][] offlineTail = TestModels.slice(offline, (int) original.framesEmitted() - continued.length,
                    continued.length);
            assertTrue(TestModels.maxAbsDiff(afterRebuild, offlineTail) <= 1e-4, what + " vs offline");
        }
    }

    @Test
    void rebuildingIsNotStreamingTheRecentFramesFromAnEmptyState() {
        EncoderConfig config = new EncoderConfig(4, 8, 2, 16, 2, 5, 1, 4, PositionEncoding.ROTARY,
                NormPlacement.PRE_NORM, Activation.GELU);
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 4));
        Random random = new Random(42);
        float[][] frames = TestModels.randomFrames(random, 40, config.inputDims());
        int context = encoder.contextFrames();   // 2 * (5 + 1) = 12
        StreamState original = encoder.newStream();
        float[][] emittedOriginally = original.accept(frames).probabilities();   // frames 0..37

        StreamState exact = encoder.rebuild(TestModels.slice(frames, 40 - context, context), 40 - context);
        assertEquals(38, exact.framesEmitted(), "the rebuilt stream continues where the original emitted up to");
        assertEquals(40, exact.framesReceived());

        // Streaming the same frames from an empty state numbers them from 0 and emits frames 28..37 again, the
        // first of them without their left context: different values for frames already labelled.
        StreamState naive = encoder.newStream();
        EmittedFrames reEmitted = naive.accept(TestModels.slice(frames, 40 - context, context));
        assertEquals(0, reEmitted.firstFrame());
        assertEquals(context - encoder.latencyFrames(), reEmitted.count());
        float[][] sameFramesOriginally = TestModels.slice(emittedOriginally, 40 - context, reEmitted.count());
        assertTrue(TestModels.maxAbsDiff(reEmitted.probabilities(), sameFramesOriginally) > 1e-3,
                "frames streamed without their left context differ from the uninterrupted run");
    }

    @Test
    void stateDependsOnTheRecentFramesOnlyNotOnTheStreamAge() {
        EncoderConfig config = new EncoderConfig(3, 8, 2, 12, 3, 4, 2, 4, PositionEncoding.ROTARY,
                NormPlacement.POST_NORM, Activation.RELU);
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 5));
        Random random = new Random(43);
        float[][] recent = TestModels.randomFrames(random, encoder.contextFrames(), config.inputDims());
        float[][] next = TestModels.randomFrames(random, 50, config.inputDims());
        StreamState early = encoder.rebuild(recent, 1_000);
        StreamState late = encoder.rebuild(recent, 3_600_000_000L); // 10 000 hours of 10 ms frames
        EmittedFrames a = early.accept(next);
        EmittedFrames b = late.accept(next);
        assertEquals(3_600_000_000L - 1_000, b.firstFrame() - a.firstFrame());
        // the rotations differ in float rounding only (angles composed in double, RotaryTable)
        double diff = TestModels.maxAbsDiff(b.probabilities(), a.probabilities());
        assertTrue(diff <= 1e-5, "10 000 hours later: max diff " + diff);
    }

    @Test
    void tooFewFramesMidStreamIsRejectedWithTheCountNeeded() {
        EncoderConfig config = new EncoderConfig(3, 8, 2, 12, 2, 4, 1, 4, PositionEncoding.RELATIVE_BIAS,
                NormPlacement.PRE_NORM, Activation.RELU);
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.rebuild(new float[9][3], 100));
        assertEquals("rebuilding mid-stream needs the last 10 frames (N * (L + R)), got 9 frames from frame 100",
                e.getMessage());
    }

    @Test
    void rebuildingWithAFrontEndNeedsItsReceptiveFieldToo() {
        EncoderConfig config = new EncoderConfig(3, 8, 2, 12, 2, 4, 1, 4, PositionEncoding.RELATIVE_BIAS,
                NormPlacement.PRE_NORM, Activation.RELU).withFrontEnd(FrontEnd.of(new ConvLayerSpec(2, 3, 3, 1, 1),
                new ConvLayerSpec(2, 2, 1, 1, 0)));
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 6));
        assertEquals(10 + 2 + 1, encoder.contextFrames(), "N * (L + R) + sum (kernelTime - 1)");
        assertEquals(1 + 2 * 1, encoder.latencyFrames(), "sum r + N * R");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.rebuild(new float[12][3], 100));
        assertEquals("rebuilding mid-stream needs the last 13 frames (N * (L + R) + the front end's 3), got 12 frames "
                + "from frame 100", e.getMessage());
    }

    @Test
    void aConvOnlyModelWithA91FrameReceptiveFieldRebuildsFromItsLast90FramesExactly() {
        EncoderConfig config = TestModels.convOnly91();
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 7), InferenceOptions.defaults(config)
                .withGemm(GemmChoice.JAVA));
        assertEquals(90, encoder.contextFrames(), "sum (kernelTime - 1), no attention blocks");
        assertEquals(20, encoder.latencyFrames(), "sum r");
        Random random = new Random(46);
        float[][] frames = TestModels.randomFrames(random, 300, config.inputDims());
        StreamState original = encoder.newStream();
        feed(original, TestModels.slice(frames, 0, 200), random);
        assertEquals(180, original.framesEmitted());

        StreamState rebuilt = encoder.rebuild(TestModels.slice(frames, 110, 90), 110);
        assertEquals(200, rebuilt.framesReceived());
        assertEquals(180, rebuilt.framesEmitted(), "with exactly contextFrames() frames nothing is emitted again");
        assertCachesEqual(original, rebuilt, encoder, "conv-only, 91 frames");
        List<Integer> chunking = TestModels.randomChunking(random, 100);
        float[][] continued = continueAndFlush(original, TestModels.slice(frames, 200, 100), chunking);
        float[][] afterRebuild = continueAndFlush(rebuilt, TestModels.slice(frames, 200, 100), chunking);
        assertEquals(120, continued.length);
        for (int f = 0; f < continued.length; f++) {
            assertArrayEquals(continued[f], afterRebuild[f], 0f, "frame " + (180 + f) + ": the same bits");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.rebuild(new float[89][40], 100));
        assertEquals("rebuilding mid-stream needs the last 90 frames (the front end's receptive field, sum of "
                + "kernelTime - 1), got 89 frames from frame 100", e.getMessage());
    }

    private static void assertCachesEqual(StreamState a, StreamState b, Encoder encoder, String what) {
        for (int k = 0; k < a.convCount(); k++) {
            ConvCache ca = a.conv(k);
            ConvCache cb = b.conv(k);
            ConvLayer layer = encoder.frontEnd().layers().get(k);
            assertEquals(ca.end(), cb.end(), what + " conv " + k + " end");
            assertEquals(ca.nextOutput(), cb.nextOutput(), what + " conv " + k + " next output");
            assertTrue(cb.firstPosition() <= Math.max(0, ca.nextOutput() - layer.left()), what + " conv " + k
                    + " holds " + cb.firstPosition() + ".., needs " + (ca.nextOutput() - layer.left()) + "..");
            // the front end's frames are computed by one exact kernel: the same bits, not just close
            for (long p = Math.max(ca.firstPosition(), cb.firstPosition()); p < ca.end(); p++) {
                assertArrayEquals(ca.frameAt(p), cb.frameAt(p), what + " conv " + k + " input frame " + p);
            }
        }
        int left = encoder.options().span().left();
        for (int l = 0; l < a.layerCount(); l++) {
            LayerCache ca = a.layer(l);
            LayerCache cb = b.layer(l);
            assertEquals(ca.end(), cb.end(), what + " layer " + l + " end");
            assertEquals(ca.nextOutput(), cb.nextOutput(), what + " layer " + l + " next output");
            // the rebuilt cache holds at least the keys the layer still needs ([next - L, end)) ...
            assertTrue(cb.firstPosition() <= Math.max(0, ca.nextOutput() - left), what + " layer " + l + " holds "
                    + cb.firstPosition() + ".., needs " + (ca.nextOutput() - left) + "..");
            // ... and every key/value both hold is the same (none computed from a truncated context)
            for (long p = Math.max(ca.firstPosition(), cb.firstPosition()); p < ca.end(); p++) {
                assertClose(ca.keyValueAt(p), cb.keyValueAt(p), what + " layer " + l + " key/value of frame " + p);
            }
            // as are the inputs and queries of the frames still waiting for lookahead
            for (long p = ca.nextOutput(); p < ca.end(); p++) {
                assertClose(ca.pendingAt(p), cb.pendingAt(p), what + " layer " + l + " waiting frame " + p);
            }
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, what + " value " + i);
        }
    }

    private static void feed(StreamState stream, float[][] frames, Random random) {
        int at = 0;
        for (int size : TestModels.randomChunking(random, frames.length)) {
            stream.accept(TestModels.slice(frames, at, size));
            at += size;
        }
    }

    private static float[][] continueAndFlush(StreamState stream, float[][] frames, List<Integer> chunking) {
        List<EmittedFrames> parts = new ArrayList<>();
        long first = stream.framesEmitted();
        int at = 0;
        for (int size : chunking) {
            parts.add(stream.accept(TestModels.slice(frames, at, size)));
            at += size;
        }
        parts.add(stream.flush());
        return TestModels.concat(parts, first);
    }
}

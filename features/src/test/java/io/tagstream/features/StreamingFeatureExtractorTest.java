package io.tagstream.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Invariant 2 (chunked features equal whole-file features, bit for bit), framing, carry and resume. */
class StreamingFeatureExtractorTest {

    /** Small windows keep 200+ random cases fast; hop == window and hop == 1 are the framing extremes. */
    private static final List<FeatureSpec> SPECS = List.of(
            FeatureSpec.DEFAULT,
            new FeatureSpec(16_000, 400, 160, 40, 13, FeatureKind.MFCC, 0, 8_000),
            new FeatureSpec(8_000, 64, 64, 8, 0, FeatureKind.LOG_MEL, 0, 4_000),
            new FeatureSpec(8_000, 48, 1, 6, 4, FeatureKind.MFCC, 50, 3_000),
            new FeatureSpec(11_025, 100, 37, 12, 0, FeatureKind.LOG_MEL, 0, 5_000));

    @Test
    void chunkedEqualsWholeBitForBitOverRandomCases() {
        Random random = new Random(20_240_601L);
        for (int trial = 0; trial < 250; trial++) {
            FeatureSpec spec = SPECS.get(random.nextInt(SPECS.size()));
            float[] pcm = randomSignal(random, spec);
            float[][] whole = StreamingFeatureExtractor.extractAll(new TarsosFeatureExtractor(spec), pcm);
            float[][] chunked = streamInChunks(spec, new StreamingFeatureExtractor(new TarsosFeatureExtractor(spec)),
                    pcm, randomChunkSizes(random, pcm.length));
            String what = "trial " + trial + ", " + pcm.length + " samples, " + spec;
            assertEquals(StreamingFeatureExtractor.frameCount(spec, pcm.length), whole.length, what);
            assertBitwiseEqual(whole, chunked, what);
        }
    }

    @Test
    void resumingFromSavedStateEqualsAnUninterruptedStream() {
        Random random = new Random(77);
        for (int trial = 0; trial < 100; trial++) {
            FeatureSpec spec = SPECS.get(random.nextInt(SPECS.size()));
            float[] pcm = randomSignal(random, spec);
            List<Integer> chunks = randomChunkSizes(random, pcm.length);
            int failAfter = random.nextInt(chunks.size() + 1);

            StreamingFeatureExtractor first = new StreamingFeatureExtractor(new TarsosFeatureExtractor(spec));
            List<float[]> frames = new ArrayList<>();
            int offset = 0;
            for (int c = 0; c < failAfter; c++) {
                frames.addAll(List.of(first.accept(slice(pcm, offset, chunks.get(c)))));
                offset += chunks.get(c);
            }
            assertEquals(frames.size(), first.nextFrame());
            // fail-over: only nextFrame and carry survive; a new extractor instance continues
            StreamingFeatureExtractor second = StreamingFeatureExtractor.resume(
                    new TarsosFeatureExtractor(spec), first.nextFrame(), first.carry());
            for (int c = failAfter; c < chunks.size(); c++) {
                frames.addAll(List.of(second.accept(slice(pcm, offset, chunks.get(c)))));
                offset += chunks.get(c);
            }
            float[][] whole = StreamingFeatureExtractor.extractAll(new TarsosFeatureExtractor(spec), pcm);
            assertBitwiseEqual(whole, frames.toArray(new float[0][]), "trial " + trial);
            assertEquals(whole.length, second.nextFrame());
        }
    }

    /** Frame k must be exactly samples [k*hop, k*hop + window): checked with an extractor that echoes its window. */
    @Test
    void frameKHoldsSamplesFromKTimesHop() {
        Random random = new Random(5);
        for (FeatureSpec spec : SPECS) {
            float[] ramp = new float[3 * spec.windowSamples() + 2 * spec.hopSamples() + 1];
            for (int i = 0; i < ramp.length; i++) {
                ramp[i] = i;
            }
            WindowEcho echo = new WindowEcho(spec);
            float[][] frames = streamInChunks(spec, new StreamingFeatureExtractor(echo), ramp,
                    randomChunkSizes(random, ramp.length));
            assertEquals(StreamingFeatureExtractor.frameCount(spec, ramp.length), frames.length);
            for (int k = 0; k < frames.length; k++) {
                for (int i = 0; i < spec.windowSamples(); i++) {
                    assertEquals(k * spec.hopSamples() + i, frames[k][i], 0f, "frame " + k + ", sample " + i);
                }
            }
        }
    }

    @Test
    void frameCountFollowsTheContract() {
        FeatureSpec spec = FeatureSpec.DEFAULT; // window 400, hop 160
        assertEquals(0, StreamingFeatureExtractor.frameCount(spec, 0));
        assertEquals(0, StreamingFeatureExtractor.frameCount(spec, 399));
        assertEquals(1, StreamingFeatureExtractor.frameCount(spec, 400));
        assertEquals(1, StreamingFeatureExtractor.frameCount(spec, 559));
        assertEquals(2, StreamingFeatureExtractor.frameCount(spec, 560));
        assertEquals(98, StreamingFeatureExtractor.frameCount(spec, 16_000)); // (16000 - 400) / 160 + 1
        assertEquals(0, StreamingFeatureExtractor.extractAll(new WindowEcho(spec), new float[399]).length);
    }

    @Test
    void emitsEachFrameAsSoonAsItsWindowIsComplete() {
        FeatureSpec spec = FeatureSpec.DEFAULT;
        StreamingFeatureExtractor stream = new StreamingFeatureExtractor(new WindowEcho(spec));
        assertEquals(0, stream.accept(new float[399]).length);
        assertEquals(399, stream.carry().length);
        assertEquals(1, stream.accept(new float[1]).length);   // sample 399 completes frame 0
        assertEquals(1, stream.nextFrame());
        assertEquals(240, stream.carry().length);               // samples 160..399
        assertEquals(0, stream.accept(new float[0]).length);
        assertEquals(0, stream.accept(new float[159]).length);
        assertEquals(1, stream.accept(new float[1]).length);   // sample 559 completes frame 1
        assertEquals(62, stream.accept(new float[10_000]).length); // (560 + 10000 - 400) / 160 + 1 - 2
        assertEquals(64, stream.nextFrame());
    }

    @Test
    void carryIsACopyOfTheSamplesFromTheNextFrameStart() {
        FeatureSpec spec = FeatureSpec.DEFAULT;
        StreamingFeatureExtractor stream = new StreamingFeatureExtractor(new WindowEcho(spec));
        float[] pcm = new float[1_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = i;
        }
        stream.accept(pcm); // frames 0..3 emitted; frame 4 starts at 640
        float[] carry = stream.carry();
        assertEquals(360, carry.length);
        assertEquals(640f, carry[0], 0f);
        assertEquals(999f, carry[359], 0f);
        carry[0] = -1f;
        assertEquals(640f, stream.carry()[0], 0f, "carry() must return a copy");
    }

    @Test
    void resumeRejectsImpossibleState() {
        WindowEcho echo = new WindowEcho(FeatureSpec.DEFAULT);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> StreamingFeatureExtractor.resume(echo, 3, new float[400]));
        assertEquals("carry must hold fewer samples than the window (400), got 400", tooLong.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> StreamingFeatureExtractor.resume(echo, -1, new float[0]));
        assertEquals("next frame must be >= 0, got -1", negative.getMessage());
    }

    @Test
    void oneHugeChunkEqualsOneSampleAtATime() {
        FeatureSpec spec = new FeatureSpec(8_000, 64, 64, 8, 0, FeatureKind.LOG_MEL, 0, 4_000);
        float[] pcm = Signals.noise(new Random(9), 0.3, 200_000);
        float[][] whole = new StreamingFeatureExtractor(new TarsosFeatureExtractor(spec)).accept(pcm);
        StreamingFeatureExtractor single = new StreamingFeatureExtractor(new TarsosFeatureExtractor(spec));
        List<float[]> frames = new ArrayList<>();
        for (float sample : pcm) {
            frames.addAll(List.of(single.accept(new float[] {sample})));
        }
        assertBitwiseEqual(whole, frames.toArray(new float[0][]), "one chunk vs single samples");
    }

    /** Noise, a sine, silence, or a mix with silent stretches; length 0 to a few windows, sometimes exactly at edges. */
    private static float[] randomSignal(Random random, FeatureSpec spec) {
        int window = spec.windowSamples();
        int length = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(window + 1);                                 // 0..window: 0 or 1 frame
            case 1 -> window + random.nextInt(4) * spec.hopSamples() - random.nextInt(2); // frame edges
            default -> random.nextInt(12 * window + 1);
        };
        float[] pcm = switch (random.nextInt(3)) {
            case 0 -> Signals.noise(random, 0.01 + random.nextDouble(), length);
            case 1 -> Signals.sine(50 + random.nextDouble() * 3_000, random.nextDouble(), random.nextDouble() * 6,
                    spec.sampleRate(), length);
            default -> Signals.plus(Signals.noise(random, 1e-3, length),
                    Signals.sine(440, 0.5, 0, spec.sampleRate(), length));
        };
        for (int i = 0; i < length / 4; i++) {
            pcm[random.nextInt(Math.max(1, length))] = 0f; // sprinkle digital silence
        }
        return pcm;
    }

    /** Sizes summing to {@code total}: many 0- and 1-sample chunks, some around a window, sometimes one big chunk. */
    private static List<Integer> randomChunkSizes(Random random, int total) {
        List<Integer> sizes = new ArrayList<>();
        int left = total;
        int guard = 0;
        while (left > 0 && guard++ < 10 * total + 10) {
            int size = switch (random.nextInt(6)) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> random.nextInt(8);
                case 3 -> random.nextInt(500);
                case 4 -> random.nextInt(2_000);
                default -> left;
            };
            size = Math.min(size, left);
            sizes.add(size);
            left -= size;
        }
        if (left > 0) {
            sizes.add(left);
        }
        if (random.nextBoolean()) {
            sizes.add(random.nextInt(sizes.size() + 1), 0);
        }
        return sizes;
    }

    /** Feeds the chunks, checking after each that the carry is exactly pcm[nextFrame * hop, received). */
    private static float[][] streamInChunks(FeatureSpec spec, StreamingFeatureExtractor stream, float[] pcm,
            List<Integer> sizes) {
        List<float[]> frames = new ArrayList<>();
        int offset = 0;
        for (int size : sizes) {
            float[][] emitted = stream.accept(slice(pcm, offset, size));
            frames.addAll(List.of(emitted));
            offset += size;
            int nextStart = (int) stream.nextFrame() * spec.hopSamples();
            assertTrue(offset - nextStart < spec.windowSamples(), "carry must be shorter than a window");
            assertArrayEquals(slice(pcm, nextStart, offset - nextStart), stream.carry(), 0f);
        }
        assertEquals(pcm.length, offset, "chunk sizes must cover the signal");
        return frames.toArray(new float[0][]);
    }

    private static float[] slice(float[] pcm, int offset, int size) {
        float[] chunk = new float[size];
        System.arraycopy(pcm, offset, chunk, 0, size);
        return chunk;
    }

    private static void assertBitwiseEqual(float[][] expected, float[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": frame count");
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k].length, actual[k].length, what + ": frame " + k + " dims");
            for (int i = 0; i < expected[k].length; i++) {
                if (Float.floatToRawIntBits(expected[k][i]) != Float.floatToRawIntBits(actual[k][i])) {
                    assertArrayEquals(expected[k], actual[k], 0f, what + ": frame " + k + " differs at " + i);
                    throw new AssertionError(what + ": frame " + k + " differs in bits at " + i);
                }
            }
        }
    }

    /** Returns its window as the feature vector, to check framing exactly. */
    private static final class WindowEcho implements FrameFeatureExtractor {
        private final FeatureSpec spec;

        WindowEcho(FeatureSpec spec) {
            this.spec = spec;
        }

        @Override
        public FeatureSpec spec() {
            return spec;
        }

        @Override
        public float[] extract(float[] window) {
            return window.clone();
        }
    }
}

package io.tagstream.app.labeller;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The start-up warm-up: throwaway streams only, whole lives, and labels the same with and without it. */
class LabellerWarmUpTest {

    @Test
    void aWarmedUpLabellerLabelsARealStreamBitForBitAsAFreshOne() {
        EncoderLabeller warmed = TestEncoders.labellerWithFrontEnd(3);
        LabellerWarmUp.Outcome outcome = LabellerWarmUp.run(warmed, Duration.ofMillis(300));
        assertTrue(outcome.frames() >= LabellerWarmUp.STREAMS, outcome.toString());
        assertEquals(0, outcome.frames() % LabellerWarmUp.STREAMS, outcome.toString());
        float[][] frames = frames(warmed.featureSpec().dims(), 150, new Random(9));
        assertDeepEquals(labels(TestEncoders.labellerWithFrontEnd(3), frames), labels(warmed, frames));
    }

    @Test
    void everyStreamItOpensItEndsAndAZeroBudgetCallsNothing() {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        StreamLabeller counting = new DelegatingLabeller(TestEncoders.labeller(5)) {
            @Override
            public Session open(long framesBefore, float[][] history) {
                assertEquals(0, framesBefore);
                assertEquals(0, history.length);
                opened.incrementAndGet();
                return super.open(framesBefore, history);
            }

            @Override
            public List<float[][]> advance(List<Session> sessions, List<float[][]> newFrames) {
                assertEquals(LabellerWarmUp.STREAMS, sessions.size());
                calls.incrementAndGet();
                return super.advance(sessions, newFrames);
            }

            @Override
            public float[][] finish(Session session) {
                finished.incrementAndGet();
                return super.finish(session);
            }
        };
        assertEquals(0, LabellerWarmUp.run(counting, Duration.ZERO).frames());
        assertEquals(0, opened.get() + calls.get() + finished.get());

        LabellerWarmUp.Outcome outcome = LabellerWarmUp.run(counting, Duration.ofMillis(200));
        assertEquals((long) calls.get() * LabellerWarmUp.STREAMS, outcome.frames());
        assertEquals(opened.get(), finished.get(), "every throwaway stream is ended");
        assertEquals(LabellerWarmUp.STREAMS * (1 + calls.get() / LabellerWarmUp.FRAMES_PER_STREAM),
                opened.get(), "fresh streams every " + LabellerWarmUp.FRAMES_PER_STREAM + " frames");
        assertThrows(IllegalArgumentException.class, () -> LabellerWarmUp.run(counting, Duration.ofMillis(-1)));
    }

    private static List<float[]> labels(StreamLabeller labeller, float[][] frames) {
        StreamLabeller.Session session = labeller.open(0, new float[0][]);
        List<float[]> out = new ArrayList<>();
        for (int at = 0; at < frames.length; at += 7) {       // chunks of 7 frames
            float[][] chunk = java.util.Arrays.copyOfRange(frames, at, Math.min(frames.length, at + 7));
            for (float[] p : labeller.advance(List.of(session), List.<float[][]>of(chunk)).get(0)) {
                out.add(p);
            }
        }
        for (float[] p : labeller.finish(session)) {
            out.add(p);
        }
        return out;
    }

    private static void assertDeepEquals(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0.0f, "frame " + i);
        }
    }

    private static float[][] frames(int dims, int count, Random random) {
        float[][] frames = new float[count][dims];
        for (float[] frame : frames) {
            for (int d = 0; d < dims; d++) {
                frame[d] = (float) random.nextGaussian();
            }
        }
        return frames;
    }
}

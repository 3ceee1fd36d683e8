package io.tagstream.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SegmenterTest {

    private static final double EPS = 1e-9;

    @Test
    void withoutHysteresisSegmentsAreTheRunsOfTheArgmax() {
        Random random = new Random(11);
        Segmenter segmenter = new Segmenter(new SegmentPolicy(1, 0.0));
        for (int trial = 0; trial < 200; trial++) {
            float[][] probabilities = randomProbabilities(random, 1 + random.nextInt(300), 4, 3);
            List<Segment> expected = argmaxRuns(probabilities);
            assertSegmentsEqual(expected, segmenter.segmentAll(probabilities));
        }
    }

    @Test
    void aHandComputedCaseWithThreeFrameMinimum() {
        // labels: 0 = silence, 1 = speech. Frames 0..1 silence, a 2-frame speech blip (too short), silence,
        // then speech from frame 5 on: the switch is confirmed at frame 7 and placed at frame 5.
        float[][] p = {
            {0.9f, 0.1f}, {0.8f, 0.2f}, {0.3f, 0.7f}, {0.4f, 0.6f}, {0.9f, 0.1f},
            {0.2f, 0.8f}, {0.1f, 0.9f}, {0.3f, 0.7f}, {0.4f, 0.6f},
        };
        List<Segment> segments = new Segmenter(new SegmentPolicy(3, 0.0)).segmentAll(p);
        assertEquals(2, segments.size());
        assertSegment(segments.get(0), 0, 5, 0, (0.9 + 0.8 + 0.3 + 0.4 + 0.9) / 5);
        assertSegment(segments.get(1), 5, 9, 1, (0.8 + 0.9 + 0.7 + 0.6) / 4);
    }

    @Test
    void theMarginKeepsTheCurrentLabelWhenTheNewOneIsOnlySlightlyAhead() {
        float[][] p = {{0.6f, 0.4f}, {0.45f, 0.55f}, {0.45f, 0.55f}, {0.2f, 0.8f}};
        List<Segment> segments = new Segmenter(new SegmentPolicy(1, 0.2)).segmentAll(p);
        assertEquals(2, segments.size());
        assertSegment(segments.get(0), 0, 3, 0, (0.6 + 0.45 + 0.45) / 3);
        assertSegment(segments.get(1), 3, 4, 1, 0.8);
    }

    @Test
    void segmentsTileTheStreamAndRespectTheMinimumLength() {
        Random random = new Random(12);
        for (int trial = 0; trial < 300; trial++) {
            int minFrames = 1 + random.nextInt(12);
            double margin = random.nextDouble() * 0.5;
            int frames = 1 + random.nextInt(400);
            float[][] p = randomProbabilities(random, frames, 2 + random.nextInt(4), 1 + random.nextInt(8));
            List<Segment> segments = new Segmenter(new SegmentPolicy(minFrames, margin)).segmentAll(p);
            long expectedStart = 0;
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                assertEquals(expectedStart, s.startFrame(), "segments must tile the stream");
                if (i > 0) {
                    assertTrue(s.frames() >= minFrames, "segment " + s + " shorter than " + minFrames);
                    assertNotEquals(segments.get(i - 1).label(), s.label(), "neighbours must differ");
                }
                assertEquals(meanOf(p, s), s.confidence(), 1e-6);
                expectedStart = s.endFrame();
            }
            assertEquals(frames, expectedStart);
        }
    }

    @Test
    void stoppingAndResumingFromTheStateChangesNothing() {
        Random random = new Random(13);
        Segmenter segmenter = new Segmenter(new SegmentPolicy(5, 0.1));
        float[][] p = randomProbabilities(random, 500, 4, 6);
        List<Segment> whole = segmenter.segmentAll(p);
        List<Segment> resumed = new ArrayList<>();
        SegmenterState state = SegmenterState.start(0);
        for (float[] frame : p) {
            // a record copy stands in for a state store round trip
            state = new SegmenterState(state.nextFrame(), state.currentLabel(), state.segmentStart(),
                    state.currentSum(), state.candidateLabel(), state.candidateStart(), state.candidateOwnSum(),
                    state.candidateKeepSum());
            Segmenter.Step step = segmenter.accept(state, frame);
            resumed.addAll(step.closedSegments());
            state = step.state();
        }
        resumed.add(segmenter.flush(state));
        assertSegmentsEqual(whole, resumed);
    }

    @Test
    void invalidPoliciesAreRejectedWithTheirValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SegmentPolicy(0, 0.0))
                .getMessage().contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SegmentPolicy(3, 1.0))
                .getMessage().contains("got 1.0"));
    }

    /** Probabilities that stay on one label for runs of random length up to {@code maxRun}. */
    private static float[][] randomProbabilities(Random random, int frames, int labels, int maxRun) {
        float[][] p = new float[frames][labels];
        int favoured = random.nextInt(labels);
        int run = 0;
        for (int t = 0; t < frames; t++) {
            if (run-- <= 0) {
                favoured = random.nextInt(labels);
                run = random.nextInt(maxRun);
            }
            float sum = 0;
            for (int k = 0; k < labels; k++) {
                p[t][k] = random.nextFloat() + (k == favoured ? 1.5f * random.nextFloat() : 0f);
                sum += p[t][k];
            }
            for (int k = 0; k < labels; k++) {
                p[t][k] /= sum;
            }
        }
        return p;
    }

    /** Independent reference: run-length encoding of the per-frame argmax. */
    private static List<Segment> argmaxRuns(float[][] p) {
        List<Segment> runs = new ArrayList<>();
        int start = 0;
        for (int t = 1; t <= p.length; t++) {
            if (t == p.length || argmax(p[t]) != argmax(p[start])) {
                Segment s = new Segment(start, t, argmax(p[start]), 0.0);
                runs.add(new Segment(start, t, s.label(), meanOf(p, s)));
                start = t;
            }
        }
        return runs;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 0; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    private static double meanOf(float[][] p, Segment s) {
        double sum = 0;
        for (long t = s.startFrame(); t < s.endFrame(); t++) {
            sum += p[(int) t][s.label()];
        }
        return sum / s.frames();
    }

    private static void assertSegment(Segment s, long start, long end, int label, double confidence) {
        assertEquals(start, s.startFrame(), "start of " + s);
        assertEquals(end, s.endFrame(), "end of " + s);
        assertEquals(label, s.label(), "label of " + s);
        assertEquals(confidence, s.confidence(), 1e-6, "confidence of " + s);
    }

    private static void assertSegmentsEqual(List<Segment> expected, List<Segment> actual) {
        assertEquals(expected.size(), actual.size(), "segment count");
        for (int i = 0; i < expected.size(); i++) {
            Segment e = expected.get(i);
            assertSegment(actual.get(i), e.startFrame(), e.endFrame(), e.label(), e.confidence());
            assertEquals(e.confidence(), actual.get(i).confidence(), EPS);
        }
    }

    @Test
    void argmaxIsTheLargestProbabilityAndTheFirstOnTies() {
        assertEquals(2, Segmenter.argmax(new float[] {0.1f, 0.3f, 0.5f, 0.1f}));
        assertEquals(1, Segmenter.argmax(new float[] {0.1f, 0.45f, 0.45f}));
        assertEquals(0, Segmenter.argmax(new float[] {1f}));
    }
}

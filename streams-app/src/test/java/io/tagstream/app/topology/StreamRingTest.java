package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.tagstream.wire.SegmentRecord;

/** The dashboard's per-stream history: bounded, incremental deltas, and the attention windows it can cut. */
class StreamRingTest {

    @Test
    void deltasCarryWhatIsNewAndTheRingKeepsOnlyTheNewestFrames() {
        StreamRing ring = new StreamRing("s", 1, 5, true, 0);
        float[][] first = rows(3, 1);
        ring.append(0, first, 1);
        ring.label(0, new float[] {1f, 0f});
        ring.label(1, new float[] {0f, 1f});

        RingDelta all = ring.since(RingCursor.start(-1));
        assertTrue(all.reset(), "a new client starts over");
        assertArrayEquals(new long[] {0, 1, 2}, all.frames());
        assertSame(first[2], all.features()[2], "rows are held, not copied");
        assertEquals(List.of(0L, 1L), all.labels().stream().map(RingDelta.Label::frame).toList());

        ring.append(3, rows(4, 2), 2); // 7 frames appended, 5 held: frames 2..6
        ring.label(2, new float[] {0.5f, 0.5f});
        RingDelta next = ring.since(all.next());
        assertFalse(next.reset());
        assertArrayEquals(new long[] {3, 4, 5, 6}, next.frames(), "only the frames after the cursor");
        assertEquals(List.of(2L), next.labels().stream().map(RingDelta.Label::frame).toList());
        assertTrue(ring.since(next.next()).isEmpty(), "nothing new");

        assertArrayEquals(new long[] {2, 3, 4, 5, 6}, ring.since(RingCursor.start(-1)).frames(), "the newest 5");
        assertEquals(2, ring.latestLabelledFrame());
    }

    @Test
    void aCursorOfAnotherEpochStartsOver() {
        StreamRing ring = new StreamRing("s", 7, 10, true, 0);
        ring.append(0, rows(2, 3), 0);
        RingDelta delta = ring.since(new RingCursor(6, 2, 0, 0));
        assertTrue(delta.reset());
        assertEquals(7, delta.epoch());
        assertEquals(2, delta.frames().length);
    }

    @Test
    void labelsOfFramesNoLongerHeldOrNeverAppendedAreIgnored() {
        StreamRing ring = new StreamRing("s", 1, 3, true, 0);
        ring.append(10, rows(6, 4), 0); // holds 13, 14, 15
        ring.label(11, new float[] {1f});
        ring.label(20, new float[] {1f});
        assertEquals(-1, ring.latestLabelledFrame());
        ring.label(14, new float[] {1f});
        assertEquals(14, ring.latestLabelledFrame());
        assertEquals(List.of(14L), ring.since(RingCursor.start(-1)).labels().stream().map(RingDelta.Label::frame)
                .toList());
    }

    @Test
    void segmentsAreBoundedAndSentOnce() {
        StreamRing ring = new StreamRing("s", 1, 3, true, 0);
        int total = StreamRing.RECENT_SEGMENTS + 7;
        for (int i = 0; i < total; i++) {
            ring.segment(new SegmentRecord("s", 10L * i, 10L * i + 10, "speech", 0.5));
        }
        RingDelta all = ring.since(RingCursor.start(-1));
        assertEquals(StreamRing.RECENT_SEGMENTS, all.segments().size());
        assertEquals(10L * (total - 1), all.segments().get(all.segments().size() - 1).startMs());
        ring.segment(new SegmentRecord("s", 5_000, 5_010, "music", 0.9));
        assertEquals(List.of("music"), ring.since(all.next()).segments().stream().map(SegmentRecord::label).toList());
    }

    @Test
    void attentionWindowsStopAtTheContextStartAndWaitForLookahead() {
        float[][] frames = rows(20, 5);
        StreamRing fromStart = new StreamRing("s", 1, 100, true, 0);
        fromStart.append(0, frames, 0);

        AttentionWindow early = fromStart.window(2, 4, 1);
        assertEquals(0, early.firstFrame(), "the stream's context starts at its first frame");
        assertEquals(4, early.frames().length, "frames 0..3");
        assertEquals(2, early.query());
        assertSame(frames[0], early.frames()[0]);

        AttentionWindow middle = fromStart.window(10, 4, 1);
        assertEquals(6, middle.firstFrame());
        assertEquals(6, middle.frames().length);
        assertEquals(4, middle.query());

        FrameUnavailableException waiting = assertThrows(FrameUnavailableException.class,
                () -> fromStart.window(19, 4, 1));
        assertTrue(waiting.getMessage().contains("not labelled yet"), waiting.getMessage());
        fromStart.end(1);
        AttentionWindow last = fromStart.window(19, 4, 1);
        assertEquals(15, last.firstFrame());
        assertEquals(5, last.frames().length, "an ended stream's window ends with its last frame");
        assertEquals(4, last.query());

        StreamRing rebuilt = new StreamRing("s", 2, 100, false, 0);
        rebuilt.append(500, frames, 0);
        FrameUnavailableException before = assertThrows(FrameUnavailableException.class,
                () -> rebuilt.window(502, 4, 1));
        assertTrue(before.getMessage().contains("has left"), before.getMessage());
        assertEquals(500, rebuilt.window(504, 4, 1).firstFrame());
        FrameUnavailableException absent = assertThrows(FrameUnavailableException.class,
                () -> rebuilt.window(480, 4, 1));
        assertTrue(absent.getMessage().contains("holds frames 500..519"), absent.getMessage());
    }

    @Test
    void recentStreamsKeepsAtMostItsLimitDroppingTheLeastRecentlyUpdated() {
        RecentStreams recent = new RecentStreams(10, 2);
        recent.opened("a", true, List.of());
        recent.opened("b", true, List.of());
        recent.framesFed("a", 0, rows(1, 6)); // a is now newer than b
        recent.opened("c", true, List.of());
        assertEquals(List.of("a", "c"), recent.all().stream().map(StreamRing::streamId).toList());
        recent.labelled("b", 0, new float[] {1f}); // dropped silently: b is no longer held
        recent.released(List.of("a"));
        assertEquals(List.of("c"), recent.all().stream().map(StreamRing::streamId).toList());
    }

    @Test
    void reopeningAStreamSeedsItsHistoryWithTheRestoredContext() {
        RecentStreams recent = new RecentStreams(10, 4);
        recent.opened("s", true, List.of());
        long firstEpoch = recent.ring("s").epoch();
        float[][] context = rows(3, 7);
        recent.opened("s", false, List.of(new ContextFrame(40, context[0]), new ContextFrame(41, context[1]),
                new ContextFrame(42, context[2])));
        StreamRing ring = recent.ring("s");
        assertTrue(ring.epoch() > firstEpoch, "a new epoch tells clients to start over");
        assertArrayEquals(new long[] {40, 41, 42}, ring.since(RingCursor.start(-1)).frames());
        assertThrows(FrameUnavailableException.class, () -> ring.window(40, 1, 0),
                "frame 40's left context was before the restored frames");
        assertEquals(41, ring.window(42, 1, 0).firstFrame());
    }

    private static float[][] rows(int n, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[n][3];
        for (float[] row : rows) {
            for (int d = 0; d < row.length; d++) {
                row[d] = (float) random.nextGaussian();
            }
        }
        return rows;
    }
}

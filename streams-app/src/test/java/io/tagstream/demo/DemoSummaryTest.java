package io.tagstream.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tagstream.reference.AudacityLabel;
import io.tagstream.evaluation.ConfusionMatrix;
import io.tagstream.features.FeatureSpec;
import io.tagstream.ingest.ChunkSink;
import io.tagstream.ingest.EncodedChunk;
import io.tagstream.model.LabelSet;
import io.tagstream.wire.LabelRecord;
import io.tagstream.wire.SegmentRecord;

/** The summary's arithmetic on hand-computed cases: accuracy, totals, percentiles, throughput, latency per frame. */
class DemoSummaryTest {

    private static final List<String> LABELS = LabelSet.DEFAULT.names();

    @Test
    void latencyPercentilesAreNearestRank() {
        long[] micros = {10_000, 1_000, 9_000, 2_000, 8_000, 3_000, 7_000, 4_000, 6_000, 5_000}; // 1..10 ms, shuffled
        DemoSummary.StreamResult s = result("a", 10, 10, matrix(new long[4][4]), micros);
        assertEquals(5.0, s.latencyMillis(50)); // rank ceil(0.5 * 10) = 5
        assertEquals(10.0, s.latencyMillis(95)); // rank ceil(9.5) = 10
        assertEquals(1.0, s.latencyMillis(1)); // rank 1
        assertTrue(Double.isNaN(result("b", 0, 0, matrix(new long[4][4]), new long[0]).latencyMillis(50)));
    }

    @Test
    void theTotalSumsCountsAndPoolsLatencies() {
        long[][] a = new long[4][4];
        a[1][1] = 30; // 30 speech right
        a[2][1] = 10; // 10 music taken for speech
        long[][] b = new long[4][4];
        b[2][2] = 45;
        b[0][3] = 5;
        DemoSummary summary = new DemoSummary(List.of(
                new DemoSummary.StreamResult("s1", 100, 100, matrix(a), 3, 4, 2, new long[] {1_000, 3_000}),
                new DemoSummary.StreamResult("s2", 100, 90, matrix(b), 5, 4, 1, new long[] {2_000, 4_000})), 4.0);
        DemoSummary.StreamResult total = summary.total();
        assertEquals(200, total.expectedFrames());
        assertEquals(190, total.receivedFrames());
        assertEquals(75, total.scores().correct()); // 30 + 45
        assertEquals(90, total.scores().total()); // 40 + 50
        assertEquals(8, total.foundSegments());
        assertEquals(8, total.referenceSegments());
        assertEquals(3, total.matchedSegments());
        assertEquals(2.0, total.latencyMillis(50)); // pooled {1, 2, 3, 4} ms: rank 2
        assertEquals(47.5, summary.framesPerSecond()); // 190 / 4 s
        assertFalse(summary.complete()); // s2 got 90 of 100
        assertEquals("s1: 100/100 frames, accuracy 75.00 % (30 of 40 scored frames), segments 3 found / 4 in "
                + "reference (2 matched), latency p50 1.0 ms p95 3.0 ms", summary.streams().get(0).describe());
        assertEquals("total: 190/200 frames, accuracy 83.33 % (75 of 90 scored frames), segments 8 found / 8 in "
                + "reference (3 matched), latency p50 2.0 ms p95 4.0 ms", total.describe());
        assertTrue(summary.lines().contains("  throughput: 47.5 frames/s (190 labels in 4.00 s wall)"));
    }

    @Test
    void aLiveStreamWithoutReferenceHasNoAccuracy() {
        DemoSummary.StreamResult mic = result("mic", -1, 250, ConfusionMatrix.empty(LABELS), new long[] {5_000});
        assertEquals("mic: 250 frames, accuracy n/a (no reference labels), segments 0 found, latency p50 5.0 ms "
                + "p95 5.0 ms", mic.describe());
        assertEquals(-1, new DemoSummary(List.of(mic), 1).total().expectedFrames());
        assertFalse(new DemoSummary(List.of(mic), 1).complete());
    }

    /**
     * Default spec (window 400, hop 160), 100 ms chunks (1600 samples): frames 0..7 end in chunk 0 (7*160+399 =
     * 1519), frames 8..12 in chunk 1 (8*160+399 = 1679 .. 12*160+399 = 2319).
     */
    @Test
    void measureTakesEachFramesLatencyFromTheChunkThatCompletesIt() {
        FeatureSpec spec = FeatureSpec.DEFAULT;
        long[] clock = {1_000_000L, 101_000_000L}; // chunk sends at 1 ms and 101 ms
        int[] sends = {0};
        SendTimes sent = new SendTimes(new DiscardingSink(), 1600, () -> clock[sends[0]++]);
        sent.send(new EncodedChunk(0, new byte[0], 1600, 0, false));
        sent.send(new EncodedChunk(100, new byte[0], 1600, 0, false));
        sent.send(new EncodedChunk(200, new byte[0], 0, 0, true)); // the end-of-stream marker is not timed

        ReceivedLabels stream = new ReceivedLabels("s", spec.hopMillis());
        stream.expect(13);
        List<String> predicted = new ArrayList<>();
        long[] expectedMicros = new long[13];
        for (int k = 0; k < 13; k++) {
            String label = k < 6 ? "speech" : "music";
            long arrival = 150_000_000L + k * 1_000_000L; // 150 ms + k ms
            stream.label(label(k, label), arrival);
            predicted.add(label);
            expectedMicros[k] = (arrival - (k < 8 ? 1_000_000L : 101_000_000L)) / 1_000;
        }
        stream.segment(new SegmentRecord("s", 0, 60, "speech", 0.9));
        stream.segment(new SegmentRecord("s", 60, 130, "music", 0.8));
        assertTrue(stream.ended());

        List<AudacityLabel> regions = List.of(new AudacityLabel(0, 0.05, "speech"), new AudacityLabel(0.05, 0.13,
                "music"));
        ReferenceTrack reference = ReferenceTrack.of(regions, 13, spec.hopMillis(), 0, LabelSet.DEFAULT, "r.txt");
        DemoSummary summary = DemoSummary.measure(List.of(stream), Map.of("s", sent), reference, spec, LABELS);

        DemoSummary.StreamResult s = summary.streams().get(0);
        assertEquals(13, s.receivedFrames());
        assertEquals(12, s.scores().correct()); // frame 5 is music in the reference, speech predicted
        assertEquals(13, s.scores().total());
        assertEquals(2, s.matchedSegments());
        assertEquals(2, s.foundSegments());
        assertEquals(2, s.referenceSegments());
        long[] sorted = expectedMicros.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(sorted, s.latenciesMicros());
        assertEquals(0.161, summary.wallSeconds(), 1e-12); // first send 1 ms .. last arrival 162 ms
        assertTrue(summary.complete());
    }

    private static LabelRecord label(long frame, String label) {
        float[] p = new float[LABELS.size()];
        p[LABELS.indexOf(label)] = 1f;
        return new LabelRecord("s", frame, frame * 10, frame * 10 + 10, label, LABELS, p, "test");
    }

    private static DemoSummary.StreamResult result(String id, long expected, long received, ConfusionMatrix m,
                                                   long[] micros) {
        return new DemoSummary.StreamResult(id, expected, received, m, 0, 0, 0, micros);
    }

    private static ConfusionMatrix matrix(long[][] counts) {
        return new ConfusionMatrix(LABELS, counts);
    }

    /** A sink that keeps nothing: SendTimes only needs somewhere to hand chunks on. */
    private static final class DiscardingSink implements ChunkSink {
        @Override
        public void send(EncodedChunk chunk) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String describe() {
            return "nowhere";
        }
    }
}

package io.tagstream.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tagstream.evaluation.ConfusionMatrix;
import io.tagstream.features.FeatureSpec;
import io.tagstream.reference.LabelSpan;

/**
 * What the demo measured, per stream and in total: labels received against frames sent, frame accuracy against the
 * reference labels (scored as {@link ReferenceTrack} says), segments found against reference segments, frame-to-label
 * latency percentiles and throughput. Pure arithmetic; {@link #lines()} is the printed report.
 *
 * @param streams     one result per stream, in stream order
 * @param wallSeconds wall time from the first audio chunk sent to the last label received
 */
public record DemoSummary(List<StreamResult> streams, double wallSeconds) {

    public DemoSummary {
        streams = List.copyOf(streams);
        if (!(wallSeconds >= 0)) {
            throw new IllegalArgumentException("wall seconds must be >= 0, got " + wallSeconds);
        }
    }

    /**
     * One stream's figures.
     *
     * @param stream            stream id
     * @param expectedFrames    frames sent (labels due), or -1 if not known (a live stream stopped before its end)
     * @param receivedFrames    labels received, in frame order
     * @param scores            confusion matrix of the received frames against the reference (scored frames only;
     *                          empty without a reference): its accuracy is the frame accuracy
     * @param foundSegments     segments received on the segments topic
     * @param referenceSegments segments in the reference (0 = no reference, e.g. the microphone)
     * @param matchedSegments   reference segments matched by found segments of their label
     * @param latenciesMicros   frame-to-label latency of each received frame, microseconds (any order)
     */
    public record StreamResult(String stream, long expectedFrames, long receivedFrames, ConfusionMatrix scores,
                               int foundSegments, int referenceSegments, int matchedSegments, long[] latenciesMicros) {

        public StreamResult {
            latenciesMicros = latenciesMicros.clone();
            Arrays.sort(latenciesMicros);
        }

        /** The {@code p}-th percentile (0 < p <= 100) of the latencies in milliseconds, nearest rank; NaN if none. */
        public double latencyMillis(double p) {
            if (latenciesMicros.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * latenciesMicros.length);
            return latenciesMicros[Math.max(0, rank - 1)] / 1000.0;
        }

        /** "sample-1: 5998/5998 frames, accuracy 81.23 % (4702 of 5790 scored frames), segments ..., latency ..." */
        public String describe() {
            String frames = expectedFrames >= 0 ? receivedFrames + "/" + expectedFrames : String.valueOf(receivedFrames);
            String scored = referenceSegments == 0 ? "accuracy n/a (no reference labels)"
                    : String.format(Locale.ROOT, "accuracy %.2f %% (%d of %d scored frames)",
                            100 * scores.accuracy(), scores.correct(), scores.total());
            String segments = referenceSegments == 0 ? "segments " + foundSegments + " found"
                    : "segments " + foundSegments + " found / " + referenceSegments + " in reference ("
                            + matchedSegments + " matched)";
            return String.format(Locale.ROOT, "%s: %s frames, %s, %s, latency p50 %.1f ms p95 %.1f ms", stream, frames,
                    scored, segments, latencyMillis(50), latencyMillis(95));
        }
    }

    /**
     * The summary of a run from what each stream sent and received.
     *
     * @param reference the reference labels, or null (live audio has none)
     */
    public static DemoSummary measure(List<ReceivedLabels> received, Map<String, SendTimes> sent,
                                      ReferenceTrack reference, FeatureSpec spec, List<String> labels) {
        List<StreamResult> results = new ArrayList<>();
        long firstSent = Long.MAX_VALUE;
        long lastArrival = Long.MIN_VALUE;
        for (ReceivedLabels stream : received) {
            SendTimes times = sent.get(stream.stream());
            long[] arrivals = stream.arrivalNanos();
            results.add(result(stream, arrivals, times, reference, spec, labels));
            if (times != null && times.firstSentNanos() >= 0) {
                firstSent = Math.min(firstSent, times.firstSentNanos());
            }
            lastArrival = arrivals.length > 0 ? Math.max(lastArrival, arrivals[arrivals.length - 1]) : lastArrival;
        }
        double wall = firstSent == Long.MAX_VALUE || lastArrival < firstSent ? 0 : (lastArrival - firstSent) / 1e9;
        return new DemoSummary(results, wall);
    }

    private static StreamResult result(ReceivedLabels stream, long[] arrivals, SendTimes times,
                                       ReferenceTrack reference, FeatureSpec spec, List<String> labels) {
        long[] latencies = new long[arrivals.length];
        int measured = 0;
        for (int k = 0; k < arrivals.length && times != null; k++) {
            long sentNanos = times.sentNanos((long) k * spec.hopSamples() + spec.windowSamples() - 1);
            if (sentNanos >= 0) {
                latencies[measured++] = (arrivals[k] - sentNanos) / 1_000;
            }
        }
        List<LabelSpan<String>> found = stream.segments();
        ConfusionMatrix scores = reference == null ? ConfusionMatrix.empty(labels) : reference.score(stream.labels());
        return new StreamResult(stream.stream(), stream.expectedFrames(), arrivals.length, scores, found.size(),
                reference == null ? 0 : reference.segments().size(),
                reference == null ? 0 : reference.matchedSegments(found), Arrays.copyOf(latencies, measured));
    }

    /** All streams together: summed counts, latencies pooled. */
    public StreamResult total() {
        if (streams.isEmpty()) {
            throw new IllegalStateException("a demo summary without streams has no total");
        }
        boolean allKnown = streams.stream().allMatch(s -> s.expectedFrames() >= 0);
        long expected = allKnown ? streams.stream().mapToLong(StreamResult::expectedFrames).sum() : -1;
        ConfusionMatrix scores = ConfusionMatrix.empty(streams.get(0).scores().labels());
        List<long[]> latencies = new ArrayList<>();
        long received = 0;
        int found = 0;
        int reference = 0;
        int matched = 0;
        for (StreamResult s : streams) {
            received += s.receivedFrames();
            scores = scores.plus(s.scores());
            found += s.foundSegments();
            reference += s.referenceSegments();
            matched += s.matchedSegments();
            latencies.add(s.latenciesMicros());
        }
        long[] pooled = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        return new StreamResult("total", expected, received, scores, found, reference, matched, pooled);
    }

    /** Whether every stream received exactly the labels it was due. */
    public boolean complete() {
        return streams.stream().allMatch(s -> s.expectedFrames() >= 0 && s.receivedFrames() == s.expectedFrames());
    }

    /** Labels received per wall second, all streams together. */
    public double framesPerSecond() {
        return wallSeconds > 0 ? total().receivedFrames() / wallSeconds : Double.NaN;
    }

    /** The report: one line per stream, the total, throughput, and how it was scored. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (StreamResult s : streams) {
            lines.add("  " + s.describe());
        }
        lines.add("  " + total().describe());
        lines.add(String.format(Locale.ROOT, "  throughput: %.1f frames/s (%d labels in %.2f s wall)", framesPerSecond(),
                total().receivedFrames(), wallSeconds));
        lines.add(String.format(Locale.ROOT, "  scoring: frames whose centre lies within %.0f ms of a reference "
                + "boundary are not scored; a reference segment is matched when found segments of its label cover at "
                + "least half of it; latency = label received minus audio chunk completing the frame sent",
                ReferenceTrack.COLLAR_MS));
        return lines;
    }
}

package io.tagstream.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tagstream.reference.LabelSpan;
import io.tagstream.wire.LabelRecord;
import io.tagstream.wire.SegmentRecord;

/**
 * What one stream has received from the pipeline so far: each frame's label (in frame order) and when it arrived,
 * the segments, the latest label and its confidence. Written by the {@link LabelFollower} thread, read by the live
 * view and the summary: every method is synchronized.
 *
 * <p>The stream has <em>ended</em> when it received a label for each of its expected frames and the segment that
 * the pipeline closes at the end-of-stream marker (the one ending with the last frame).
 */
public final class ReceivedLabels {

    private final String stream;
    private final double hopMs;
    private final List<String> labels = new ArrayList<>();
    private long[] arrivalNanos = new long[1024];
    private final List<LabelSpan<String>> segments = new ArrayList<>();
    private long expectedFrames = -1;
    private long unexpected;
    private String current;
    private double confidence;

    public ReceivedLabels(String stream, double hopMs) {
        this.stream = stream;
        this.hopMs = hopMs;
    }

    public String stream() {
        return stream;
    }

    /** The number of frames (labels due) once known: at the start for a replay, at the end of a live capture. */
    public synchronized void expect(long frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("expected frames must be >= 0, got " + frames);
        }
        expectedFrames = frames;
    }

    /** A label record that arrived at {@code nanos} (System.nanoTime); one out of frame order is only counted. */
    public synchronized void label(LabelRecord record, long nanos) {
        if (record.frame() != labels.size()) {
            unexpected++;
            return;
        }
        if (labels.size() == arrivalNanos.length) {
            arrivalNanos = Arrays.copyOf(arrivalNanos, 2 * arrivalNanos.length);
        }
        arrivalNanos[labels.size()] = nanos;
        labels.add(record.label());
        current = record.label();
        confidence = record.probability(record.labels().indexOf(record.label()));
    }

    public synchronized void segment(SegmentRecord record) {
        long start = Math.round(record.startMs() / hopMs);
        long end = Math.max(start + 1, Math.round(record.endMs() / hopMs));
        segments.add(new LabelSpan<>(start, end, record.label()));
    }

    public synchronized boolean ended() {
        return expectedFrames >= 0 && labels.size() == expectedFrames
                && (expectedFrames == 0 || !segments.isEmpty() && segments.get(segments.size() - 1).endFrame() == expectedFrames);
    }

    public synchronized long expectedFrames() {
        return expectedFrames;
    }

    public synchronized int received() {
        return labels.size();
    }

    /** Label records that did not carry the next frame (duplicates or gaps): 0 when the pipeline is exact. */
    public synchronized long unexpected() {
        return unexpected;
    }

    /** Frame k's label at index k, for the frames received. */
    public synchronized List<String> labels() {
        return List.copyOf(labels);
    }

    /** Labels of frames {@code from..received()-1}. */
    public synchronized List<String> labelsFrom(int from) {
        return List.copyOf(labels.subList(Math.min(from, labels.size()), labels.size()));
    }

    public synchronized List<LabelSpan<String>> segments() {
        return List.copyOf(segments);
    }

    /** The latest label, or null before the first. */
    public synchronized String current() {
        return current;
    }

    /** The latest label's probability. */
    public synchronized double confidence() {
        return confidence;
    }

    /** Arrival time (System.nanoTime) of each received frame's label. */
    public synchronized long[] arrivalNanos() {
        return Arrays.copyOf(arrivalNanos, labels.size());
    }
}

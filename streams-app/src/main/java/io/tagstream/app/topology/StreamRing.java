package io.tagstream.app.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.tagstream.wire.SegmentRecord;

/**
 * One stream's recent history on this instance, for the dashboard: its last {@code capacity} feature frames, their
 * label probabilities once labelled, its last closed segments, and whether it ended. Written by the stream thread that
 * labels the stream, O(1) per frame and without copying (the rows are the processor's own fresh arrays, never changed
 * afterwards); read by the HTTP threads. Every access holds the ring's lock briefly.
 *
 * <p>Positions count the frames appended since the ring was opened: the frames the model was fed, in order. The model
 * context of the session the ring belongs to starts at position 0 when {@code contextStartsAtFirst}, else before the
 * ring (a session rebuilt mid-stream from the context store).
 */
public final class StreamRing {

    /** Closed segments kept per stream. */
    static final int RECENT_SEGMENTS = 100;

    private final String streamId;
    private final long epoch;
    private final int capacity;
    private final boolean contextStartsAtFirst;
    private final long[] frameIndex;        // [capacity] stream index of the frame in each slot
    private final float[][] features;       // [capacity][dims]
    private final float[][] probabilities;  // [capacity][labels], null until the frame is labelled
    private final ArrayDeque<SegmentRecord> segments = new ArrayDeque<>();
    private long appended;
    private long labelCursor;               // labels arrive in frame order: no label lies before this position
    private long lastLabelled = -1;         // position of the newest labelled frame
    private long segmentsClosed;
    private boolean ended;
    private long updatedNanos;

    StreamRing(String streamId, long epoch, int capacity, boolean contextStartsAtFirst, long nowNanos) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a stream ring holds at least 1 frame, got " + capacity);
        }
        this.streamId = streamId;
        this.epoch = epoch;
        this.capacity = capacity;
        this.contextStartsAtFirst = contextStartsAtFirst;
        this.frameIndex = new long[capacity];
        this.features = new float[capacity][];
        this.probabilities = new float[capacity][];
        this.updatedNanos = nowNanos;
    }

    public String streamId() {
        return streamId;
    }

    /** Identifies this ring among the rings the stream had on this instance (a reopened stream gets a new epoch). */
    long epoch() {
        return epoch;
    }

    synchronized long updatedNanos() {
        return updatedNanos;
    }

    /** Frames {@code firstFrame, firstFrame + 1, ...} were fed to the model. */
    synchronized void append(long firstFrame, float[][] rows, long nowNanos) {
        for (int i = 0; i < rows.length; i++) {
            int slot = slot(appended);
            frameIndex[slot] = firstFrame + i;
            features[slot] = rows[i];
            probabilities[slot] = null;
            appended++;
        }
        updatedNanos = nowNanos;
    }

    /** {@code frame} got its label probabilities; ignored if the frame has left the ring. */
    synchronized void label(long frame, float[] labelProbabilities) {
        long position = Math.max(labelCursor, oldest());
        while (position < appended && frameIndex[slot(position)] < frame) {
            position++;
        }
        if (position < appended && frameIndex[slot(position)] == frame) {
            probabilities[slot(position)] = labelProbabilities;
            lastLabelled = position;
            labelCursor = position + 1;
        }
    }

    synchronized void segment(SegmentRecord segment) {
        segments.addLast(segment);
        segmentsClosed++;
        while (segments.size() > RECENT_SEGMENTS) {
            segments.removeFirst();
        }
    }

    synchronized void end(long nowNanos) {
        ended = true;
        updatedNanos = nowNanos;
    }

    /** What changed since {@code cursor} (everything held if the cursor belongs to another epoch). */
    public synchronized RingDelta since(RingCursor cursor) {
        boolean reset = cursor.epoch() != epoch;
        RingCursor from = reset ? RingCursor.start(epoch) : cursor;
        long firstFrame = Math.max(from.frames(), oldest());
        int frameCount = (int) (appended - firstFrame);
        long[] indices = new long[frameCount];
        float[][] rows = new float[frameCount][]; // [n][dims]
        for (int i = 0; i < frameCount; i++) {
            indices[i] = frameIndex[slot(firstFrame + i)];
            rows[i] = features[slot(firstFrame + i)];
        }
        List<RingDelta.Label> labels = new ArrayList<>();
        for (long p = Math.max(from.labels(), oldest()); p < labelCursor; p++) {
            if (probabilities[slot(p)] != null) {
                labels.add(new RingDelta.Label(frameIndex[slot(p)], probabilities[slot(p)]));
            }
        }
        int newSegments = (int) Math.min(segments.size(), segmentsClosed - from.segments());
        List<SegmentRecord> closed = newSegments == 0 ? List.of()
                : List.copyOf(new ArrayList<>(segments).subList(segments.size() - newSegments, segments.size()));
        RingCursor next = new RingCursor(epoch, appended, labelCursor, segmentsClosed);
        return new RingDelta(streamId, epoch, reset, indices, rows, labels, closed, ended, next);
    }

    /** The newest labelled frame and how the ring stands, for the list of streams. */
    public synchronized StreamSummary summary() {
        long latestFrame = lastLabelled >= oldest() ? frameIndex[slot(lastLabelled)] : -1;
        float[] latest = lastLabelled >= oldest() ? probabilities[slot(lastLabelled)] : null;
        return new StreamSummary(streamId, epoch, appended, latestFrame, latest, ended);
    }

    /** Stream index of the newest labelled frame held, or -1. */
    public synchronized long latestLabelledFrame() {
        return lastLabelled >= oldest() ? frameIndex[slot(lastLabelled)] : -1;
    }

    /**
     * The frames {@code frame} was labelled from: {@code before} frames back from it (or back to the start of the
     * model context) and {@code after} ahead of it (or to the end of an ended stream).
     *
     * @throws FrameUnavailableException if the frame or its context is not held, or its lookahead has not arrived
     */
    public synchronized AttentionWindow window(long frame, int before, int after) {
        long position = positionOf(frame);
        if (position < 0) {
            throw new FrameUnavailableException(appended == 0 ? "stream '" + streamId + "' has no frames yet"
                    : "frame " + frame + " of stream '" + streamId + "' is not held on this instance (it holds frames "
                    + frameIndex[slot(oldest())] + ".." + frameIndex[slot(appended - 1)] + ")");
        }
        long first = position - before;
        if (first < 0 && contextStartsAtFirst) {
            first = 0;
        }
        if (first < oldest()) {
            throw new FrameUnavailableException("the context of frame " + frame + " (" + before
                    + " frames back) has left this instance's recent history of stream '" + streamId
                    + "' (the last " + capacity + " frames)");
        }
        long last = position + after;
        if (last >= appended) {
            if (!ended) {
                throw new FrameUnavailableException("frame " + frame + " of stream '" + streamId
                        + "' is not labelled yet: it waits for " + after + " frames of lookahead");
            }
            last = appended - 1;
        }
        float[][] rows = new float[(int) (last - first + 1)][]; // [window][dims]
        for (int i = 0; i < rows.length; i++) {
            rows[i] = features[slot(first + i)];
        }
        return new AttentionWindow(frameIndex[slot(first)], rows, (int) (position - first));
    }

    /** Position of {@code frame} among the held frames (stream indices increase with position), or -1. */
    private long positionOf(long frame) {
        long lo = oldest();
        long hi = appended - 1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            long index = frameIndex[slot(mid)];
            if (index == frame) {
                return mid;
            } else if (index < frame) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    private long oldest() {
        return Math.max(0, appended - capacity);
    }

    private int slot(long position) {
        return (int) (position % capacity);
    }
}

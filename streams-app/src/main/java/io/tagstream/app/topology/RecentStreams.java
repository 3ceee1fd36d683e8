package io.tagstream.app.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.tagstream.wire.SegmentRecord;

/**
 * The recent history of the streams this instance labels, in memory, for the dashboard: one {@link StreamRing} per
 * stream, at most {@link #MAX_STREAMS} of them (the least recently updated goes first). Per instance, not durable: a
 * stream that moves to another instance starts a new history there, seeded with the context frames restored from the
 * context store. The label processors write to it; the writes for a stream this registry does not hold are dropped.
 */
public final class RecentStreams {

    /** Frames kept per stream: 10 s at the default 10 ms hop. */
    static final int FRAMES_PER_STREAM = 1_000;
    /** Streams kept per instance. */
    static final int MAX_STREAMS = 128;

    private final Map<String, StreamRing> rings = new ConcurrentHashMap<>();
    private final AtomicLong epochs = new AtomicLong();
    private final int framesPerStream;
    private final int maxStreams;

    public RecentStreams() {
        this(FRAMES_PER_STREAM, MAX_STREAMS);
    }

    public RecentStreams(int framesPerStream, int maxStreams) {
        if (framesPerStream < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("recent history needs at least 1 frame and 1 stream, got "
                    + framesPerStream + " frames, " + maxStreams + " streams");
        }
        this.framesPerStream = framesPerStream;
        this.maxStreams = maxStreams;
    }

    public int framesPerStream() {
        return framesPerStream;
    }

    /**
     * A model session for the stream was opened on this instance: its history restarts with {@code context}, the
     * frames the session was rebuilt from (empty for a new stream).
     *
     * @param contextStartsHere true when the session's context begins with {@code context} (a new stream or the
     *                          first frames after a reset), false when older frames preceded them
     */
    void opened(String streamId, boolean contextStartsHere, List<ContextFrame> context) {
        StreamRing ring = new StreamRing(streamId, epochs.incrementAndGet(), framesPerStream, contextStartsHere,
                System.nanoTime());
        for (ContextFrame frame : context) {
            ring.append(frame.index(), new float[][] {frame.features()}, System.nanoTime());
        }
        rings.put(streamId, ring);
        while (rings.size() > maxStreams) {
            rings.values().stream().min(Comparator.comparingLong(StreamRing::updatedNanos))
                    .ifPresent(stale -> rings.remove(stale.streamId(), stale));
        }
    }

    void framesFed(String streamId, long firstFrame, float[][] rows) {
        StreamRing ring = rings.get(streamId);
        if (ring != null) {
            ring.append(firstFrame, rows, System.nanoTime());
        }
    }

    void labelled(String streamId, long frame, float[] probabilities) {
        StreamRing ring = rings.get(streamId);
        if (ring != null) {
            ring.label(frame, probabilities);
        }
    }

    void segmentClosed(String streamId, SegmentRecord segment) {
        StreamRing ring = rings.get(streamId);
        if (ring != null) {
            ring.segment(segment);
        }
    }

    void ended(String streamId) {
        StreamRing ring = rings.get(streamId);
        if (ring != null) {
            ring.end(System.nanoTime());
        }
    }

    /** This instance no longer labels these streams (their task moved away or closed): forget them. */
    void released(Collection<String> streamIds) {
        streamIds.forEach(rings::remove);
    }

    /** The stream's history, or null if this instance holds none. */
    public StreamRing ring(String streamId) {
        return rings.get(streamId);
    }

    /** Every held stream, by id. */
    public List<StreamRing> all() {
        List<StreamRing> all = new ArrayList<>(rings.values());
        all.sort(Comparator.comparing(StreamRing::streamId));
        return all;
    }
}

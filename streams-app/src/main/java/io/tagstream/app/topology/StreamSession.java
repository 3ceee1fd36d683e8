package io.tagstream.app.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.wire.FeatureChunk;

/**
 * One stream being labelled on this instance: the model session (a cache, rebuilt from the context store after a
 * restart or rebalance), the frames stored but waiting for the task's next batched forward, the frames fed but
 * waiting for lookahead, and the stream's frames in the context store, one entry per feature chunk as it came
 * ({@link ContextChunk}), pruned to the chunks that hold the context the model needs plus the frames still waiting.
 */
final class StreamSession {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);

    private final String streamId;
    private final StreamLabeller labeller;
    private final WindowStore<String, ContextChunk> frames;
    private final double originMs;
    private final StreamLabeller.Session model;
    /** Whether the rebuilt model context reaches back to the start of the stream's context. */
    private final boolean contextFromStart;
    /** The fed frames the model session was rebuilt from, oldest first (empty for a new stream). */
    private final List<ContextFrame> restoredContext;
    /** Indices of frames fed to the model whose labels wait for lookahead, oldest first. */
    private final ArrayDeque<Long> pending = new ArrayDeque<>();
    /** The stored chunks (context, then waiting), oldest first. */
    private final ArrayDeque<StoredChunk> stored = new ArrayDeque<>();
    /** Frames in {@link #stored}. */
    private long storedFrames;
    /** Frames stored but not yet fed to the model, oldest first: their indices and features ([dims] each). */
    private final List<Long> waitingIndices = new ArrayList<>();
    private final List<float[]> waitingRows = new ArrayList<>();
    /** The records the waiting frames came in, for the dead-letter topic if the model fails on them. */
    private final List<ReceivedChunk> waitingChunks = new ArrayList<>();
    private long lastInputWallMs;

    /** A chunk in the context store: its entry's timestamp (its first frame's) and how many frames it holds. */
    private record StoredChunk(long timestamp, int count) {
    }

    private StreamSession(String streamId, StreamLabeller labeller, WindowStore<String, ContextChunk> frames,
            double originMs, StreamLabeller.Session model, boolean contextFromStart,
            List<ContextFrame> restoredContext, long nowMs) {
        this.streamId = streamId;
        this.labeller = labeller;
        this.frames = frames;
        this.originMs = originMs;
        this.model = model;
        this.contextFromStart = contextFromStart;
        this.restoredContext = restoredContext;
        this.lastInputWallMs = nowMs;
    }

    /**
     * The session of a stream in {@code state}, rebuilt from the context store: the model session from the fed
     * frames of the stored context, and the waiting frames (stored, not yet fed) read back. A new stream's session
     * starts empty.
     *
     * @param retentionMs the context store's retention: stored frames lie within it before the last stored frame
     */
    static StreamSession rebuild(String streamId, LabelStreamState state, StreamLabeller labeller,
            WindowStore<String, ContextChunk> frames, long retentionMs, long nowMs) {
        double hopMs = labeller.featureSpec().hopMillis();
        List<KeyValue<Long, ContextChunk>> chunks = state.fedFrames() + state.waitingFrames() == 0 ? List.of()
                : storedContext(frames, streamId, state.timestampOf(state.nextFrame() - 1, hopMs), retentionMs);
        List<ContextFrame> history = new ArrayList<>();
        for (KeyValue<Long, ContextChunk> entry : chunks) {
            for (int i = 0; i < entry.value.count(); i++) {
                history.add(entry.value.frame(i));
            }
        }
        int waitingCount = Math.min(state.waitingFrames(), history.size());
        List<ContextFrame> fed = history.subList(0, history.size() - waitingCount);
        long needed = Math.min(state.fedFrames(), labeller.contextFrames());
        int usable = (int) Math.min(fed.size(), needed);
        if (usable < needed || waitingCount < state.waitingFrames()) {
            LOG.warn("stream {}: context store holds {} frames, {} fed and {} waiting needed; continuing with what is"
                    + " there", streamId, history.size(), needed, state.waitingFrames());
        }
        List<ContextFrame> recent = List.copyOf(fed.subList(fed.size() - usable, fed.size()));
        float[][] rows = new float[usable][]; // [usable][dims]
        for (int i = 0; i < usable; i++) {
            rows[i] = recent.get(i).features();
        }
        StreamSession session = new StreamSession(streamId, labeller, frames, state.originMs(),
                labeller.open(state.fedFrames() - usable, rows), state.fedFrames() == usable, recent, nowMs);
        for (KeyValue<Long, ContextChunk> entry : chunks) {
            session.stored.addLast(new StoredChunk(entry.key, entry.value.count()));
            session.storedFrames += entry.value.count();
        }
        int lookahead = (int) Math.min(usable, Math.min(state.fedFrames(), labeller.lookaheadFrames()));
        for (ContextFrame frame : recent.subList(usable - lookahead, usable)) {
            session.pending.addLast(frame.index());
        }
        for (ContextFrame frame : history.subList(history.size() - waitingCount, history.size())) {
            session.waitingIndices.add(frame.index());
            session.waitingRows.add(frame.features());
        }
        return session;
    }

    /**
     * The stream's stored chunks, oldest first: those within the store's retention before its last stored frame (at
     * {@code lastMs}; a chunk is stored at its first frame's time). The time range is bounded on purpose: the caching
     * window store visits every segment the range spans, so a fetch over all time costs about a million segment
     * lookups.
     */
    private static List<KeyValue<Long, ContextChunk>> storedContext(WindowStore<String, ContextChunk> frames,
            String streamId, long lastMs, long retentionMs) {
        List<KeyValue<Long, ContextChunk>> history = new ArrayList<>();
        try (WindowStoreIterator<ContextChunk> it = frames.fetch(streamId, Math.max(0, lastMs - retentionMs),
                lastMs)) {
            it.forEachRemaining(history::add);
        }
        return history;
    }

    StreamLabeller.Session model() {
        return model;
    }

    /** Whether the rebuilt model context reaches back to the start of the stream's context. */
    boolean contextFromStart() {
        return contextFromStart;
    }

    /** The fed frames the session was rebuilt from, oldest first. */
    List<ContextFrame> restoredContext() {
        return restoredContext;
    }

    /** Input came now (wall clock): the stream is not idle. */
    void touched(long nowMs) {
        lastInputWallMs = nowMs;
    }

    boolean idleAt(long nowMs, long timeoutMs) {
        return nowMs - lastInputWallMs >= timeoutMs;
    }

    /**
     * Stores the chunk's frames in the context store, as one entry; they wait for the next forward. Returns them,
     * [n][dims].
     */
    float[][] store(FeatureChunk chunk) {
        float[][] rows = new float[chunk.count()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = chunk.frame(i);
            waitingIndices.add(chunk.firstFrame() + i);
            waitingRows.add(rows[i]);
        }
        if (rows.length > 0) {
            long timestamp = LabelStreamState.timestampOf(originMs, chunk.firstFrame(),
                    labeller.featureSpec().hopMillis());
            frames.put(streamId, new ContextChunk(chunk.firstFrame(), rows), timestamp);
            stored.addLast(new StoredChunk(timestamp, rows.length));
            storedFrames += rows.length;
            forgetBeyondContext();
        }
        return rows;
    }

    /** The record frames came in, kept while they wait (for the dead-letter topic, should the model fail on them). */
    void receivedIn(ReceivedChunk chunk) {
        waitingChunks.add(chunk);
    }

    /** A session rebuilt after a failed forward takes over the failed one's records and input clock. */
    void takeOver(StreamSession failed) {
        waitingChunks.addAll(failed.waitingChunks);
        lastInputWallMs = failed.lastInputWallMs;
    }

    int waitingCount() {
        return waitingRows.size();
    }

    long firstWaiting() {
        return waitingIndices.get(0);
    }

    /** The waiting frames as the model's input, {@code [n][dims]}. */
    float[][] waitingFrames() {
        return waitingRows.toArray(new float[0][]);
    }

    List<ReceivedChunk> waitingChunks() {
        return waitingChunks;
    }

    /** The waiting frames were fed to the model: they now wait for lookahead. Returns how many were fed. */
    int fed() {
        int count = waitingRows.size();
        pending.addAll(waitingIndices);
        clearWaiting();
        forgetBeyondContext();
        return count;
    }

    /** The oldest frame fed and not yet labelled: the frame the model's next output is for. */
    long nextLabelled() {
        return pending.removeFirst();
    }

    /**
     * The model failed on the waiting frames: they leave the context store and this session. They are the last
     * chunks stored; should the last of them also hold fed frames (a store that lost frames before a rebuild), those
     * stay.
     */
    void dropWaiting() {
        int left = waitingRows.size();
        while (left > 0 && !stored.isEmpty()) {
            StoredChunk last = stored.removeLast();
            storedFrames -= last.count();
            if (last.count() <= left) {
                frames.put(streamId, null, last.timestamp());
                left -= last.count();
            } else {
                ContextChunk whole = frames.fetch(streamId, last.timestamp());
                if (whole != null) {
                    ContextChunk kept = whole.first(last.count() - left);
                    frames.put(streamId, kept, last.timestamp());
                    stored.addLast(new StoredChunk(last.timestamp(), kept.count()));
                    storedFrames += kept.count();
                }
                left = 0;
            }
        }
        clearWaiting();
    }

    /** The stream ended: all its frames leave the context store. */
    void dropStored() {
        for (StoredChunk chunk : stored) {
            frames.put(streamId, null, chunk.timestamp());
        }
        stored.clear();
        storedFrames = 0;
    }

    /**
     * Deletes the oldest stored chunks while the ones after them still hold the context the model needs plus the
     * frames still waiting.
     */
    private void forgetBeyondContext() {
        long keep = labeller.contextFrames() + waitingRows.size();
        while (!stored.isEmpty() && storedFrames - stored.peekFirst().count() >= keep) {
            StoredChunk first = stored.removeFirst();
            storedFrames -= first.count();
            frames.put(streamId, null, first.timestamp());
        }
    }

    private void clearWaiting() {
        waitingIndices.clear();
        waitingRows.clear();
        waitingChunks.clear();
    }
}

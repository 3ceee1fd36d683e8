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
 * waiting for lookahead, and the stream's frames in the context store, in blocks ({@link ContextBlock}), pruned to
 * the blocks of the context the model needs plus the frames still waiting.
 */
final class StreamSession {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);

    private final String streamId;
    private final StreamLabeller labeller;
    private final WindowStore<String, ContextBlock> blocks;
    private final double originMs;
    private final StreamLabeller.Session model;
    /** Whether the rebuilt model context reaches back to the start of the stream's context. */
    private final boolean contextFromStart;
    /** The fed frames the model session was rebuilt from, oldest first (empty for a new stream). */
    private final List<ContextFrame> restoredContext;
    /** Indices of frames fed to the model whose labels wait for lookahead, oldest first. */
    private final ArrayDeque<Long> pending = new ArrayDeque<>();
    /** The stream's blocks in the context store (context, then waiting frames), oldest first. */
    private final ArrayDeque<StoredBlock> stored = new ArrayDeque<>();
    /** Frames in the stored blocks. */
    private int storedFrames;
    /** Frames stored but not yet fed to the model, oldest first: their indices and features ([dims] each). */
    private final List<Long> waitingIndices = new ArrayList<>();
    private final List<float[]> waitingRows = new ArrayList<>();
    /** The records the waiting frames came in, for the dead-letter topic if the model fails on them. */
    private final List<ReceivedChunk> waitingChunks = new ArrayList<>();
    private long lastInputWallMs;

    private StreamSession(String streamId, StreamLabeller labeller, WindowStore<String, ContextBlock> blocks,
            double originMs, StreamLabeller.Session model, boolean contextFromStart,
            List<ContextFrame> restoredContext, long nowMs) {
        this.streamId = streamId;
        this.labeller = labeller;
        this.blocks = blocks;
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
            WindowStore<String, ContextBlock> blocks, long retentionMs, long nowMs) {
        double hopMs = labeller.featureSpec().hopMillis();
        long storedFrames = state.fedFrames() + state.waitingFrames();
        List<KeyValue<Long, ContextBlock>> storedBlocks = storedFrames == 0 ? List.of()
                : storedContext(blocks, streamId, state.timestampOf(state.nextFrame() - 1, hopMs), retentionMs);
        List<ContextFrame> history = storedBlocks.stream().flatMap(block -> block.value.frames().stream()).toList();
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
        StreamSession session = new StreamSession(streamId, labeller, blocks, state.originMs(),
                labeller.open(state.fedFrames() - usable, rows), state.fedFrames() == usable, recent, nowMs);
        for (KeyValue<Long, ContextBlock> block : storedBlocks) {
            session.stored.addLast(new StoredBlock(block.value.start(), block.key, block.value.frames()));
        }
        session.storedFrames = history.size();
        int lookahead = (int) Math.min(usable, Math.min(state.fedFrames(), labeller.lookaheadFrames()));
        for (ContextFrame frame : recent.subList(usable - lookahead, usable)) {
            session.pending.addLast(frame.index());
        }
        for (ContextFrame frame : history.subList(history.size() - waitingCount, history.size())) {
            session.waitingIndices.add(frame.index());
            session.waitingRows.add(frame.features());
        }
        session.settle();
        return session;
    }

    /**
     * The stream's stored blocks, oldest first: those within the store's retention before its last stored frame (at
     * {@code lastMs}; a block's time is its first index's). The time range is bounded on purpose: the caching window
     * store visits every segment the range spans, so a fetch over all time costs about a million segment lookups.
     */
    private static List<KeyValue<Long, ContextBlock>> storedContext(WindowStore<String, ContextBlock> blocks,
            String streamId, long lastMs, long retentionMs) {
        List<KeyValue<Long, ContextBlock>> history = new ArrayList<>();
        try (WindowStoreIterator<ContextBlock> it = blocks.fetch(streamId, Math.max(0, lastMs - retentionMs),
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
     * Stores the chunk's frames in the context store (one write per block they fall in); they wait for the next
     * forward. Returns them, [n][dims].
     */
    float[][] store(FeatureChunk chunk) {
        float[][] rows = new float[chunk.count()][];
        StoredBlock written = null;
        for (int i = 0; i < rows.length; i++) {
            rows[i] = chunk.frame(i);
            long index = chunk.firstFrame() + i;
            waitingIndices.add(index);
            waitingRows.add(rows[i]);
            StoredBlock block = blockOf(index);
            if (written != null && written != block) {
                write(written);
            }
            block.frames.add(new ContextFrame(index, rows[i]));
            written = block;
        }
        if (written != null) {
            write(written);
        }
        storedFrames += rows.length;
        forgetBeyondContext();
        settle();
        return rows;
    }

    /** The block frame {@code index} goes in: the last stored block, or a new one after it; open for writing. */
    private StoredBlock blockOf(long index) {
        long start = ContextBlock.startOf(index);
        StoredBlock last = stored.peekLast();
        if (last != null && last.start == start) {
            open(last);
            return last;
        }
        if (last != null && start < last.start) {
            throw new IllegalStateException("stream " + streamId + ": frame " + index + " comes after frames from "
                    + last.start);
        }
        StoredBlock block = new StoredBlock(start,
                LabelStreamState.timestampOf(originMs, start, labeller.featureSpec().hopMillis()), new ArrayList<>());
        stored.addLast(block);
        return block;
    }

    /** Reads a settled block's frames back from the store, to change it. */
    private void open(StoredBlock block) {
        if (block.frames == null) {
            ContextBlock value = blocks.fetch(streamId, block.timestamp);
            block.frames = value == null ? new ArrayList<>() : new ArrayList<>(value.frames());
        }
    }

    /** Writes a block as it is now: its frames, or its deletion when it has none. */
    private void write(StoredBlock block) {
        blocks.put(streamId, block.frames.isEmpty() ? null : new ContextBlock(block.frames), block.timestamp);
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
        settle();
        return count;
    }

    /** The oldest frame fed and not yet labelled: the frame the model's next output is for. */
    long nextLabelled() {
        return pending.removeFirst();
    }

    /** The model failed on the waiting frames: they leave the context store and this session. */
    void dropWaiting() {
        int drop = waitingRows.size();
        while (drop > 0 && !stored.isEmpty()) {
            StoredBlock last = stored.peekLast();
            open(last);
            int removed = Math.min(drop, last.frames.size());
            last.frames.subList(last.frames.size() - removed, last.frames.size()).clear();
            drop -= removed;
            storedFrames -= removed;
            write(last);
            if (last.frames.isEmpty()) {
                stored.removeLast();
            }
        }
        clearWaiting();
    }

    /** The stream ended: all its frames leave the context store. */
    void dropStored() {
        for (StoredBlock block : stored) {
            blocks.put(streamId, null, block.timestamp);
        }
        stored.clear();
        storedFrames = 0;
    }

    /**
     * Deletes the oldest blocks while the others still hold the context the model needs plus the frames still
     * waiting: the store keeps those frames and at most {@code ContextBlock.FRAMES - 1} older ones.
     */
    private void forgetBeyondContext() {
        long needed = labeller.contextFrames() + (long) waitingRows.size();
        while (stored.size() > 1 && storedFrames - stored.peekFirst().count() >= needed) {
            StoredBlock oldest = stored.removeFirst();
            storedFrames -= oldest.count();
            blocks.put(streamId, null, oldest.timestamp);
        }
    }

    /**
     * Lets go of the frames of the blocks that will not be written again (all but the last, and those holding
     * waiting frames, which a failed forward takes out again); only their frame counts stay.
     */
    private void settle() {
        long firstWaiting = waitingIndices.isEmpty() ? Long.MAX_VALUE : waitingIndices.get(0);
        StoredBlock last = stored.peekLast();
        for (StoredBlock block : stored) {
            if (block != last && block.frames != null && block.start + ContextBlock.FRAMES <= firstWaiting) {
                block.count = block.frames.size();
                block.frames = null;
            }
        }
    }

    private void clearWaiting() {
        waitingIndices.clear();
        waitingRows.clear();
        waitingChunks.clear();
    }

    /** One of the stream's blocks in the context store. */
    private static final class StoredBlock {

        final long start;
        final long timestamp;
        /** Its frames while it may still change, then {@code null} (settled: only {@link #count} is kept). */
        List<ContextFrame> frames;
        int count;

        StoredBlock(long start, long timestamp, List<ContextFrame> frames) {
            this.start = start;
            this.timestamp = timestamp;
            this.frames = new ArrayList<>(frames);
        }

        int count() {
            return frames == null ? count : frames.size();
        }
    }
}

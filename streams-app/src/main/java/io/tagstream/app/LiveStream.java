package io.tagstream.app;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory side of one stream being labelled: the model session (a cache, rebuilt from the window store after
 * a restart or rebalance), the frames stored but waiting for the task's next batched forward, the frames fed but
 * not yet labelled, and the window-store timestamps of the stored frames.
 */
final class LiveStream {

    final StreamLabeller.Session session;
    /** Indices of frames fed to the model whose labels wait for lookahead, oldest first. */
    final ArrayDeque<Long> pending = new ArrayDeque<>();
    /** Window-store timestamps of the stored frames (context, then waiting), oldest first. */
    final ArrayDeque<Long> stored = new ArrayDeque<>();
    /** Frames stored but not yet fed to the model, oldest first: their indices and features ([dims] each). */
    final List<Long> waitingIndices = new ArrayList<>();
    final List<float[]> waitingRows = new ArrayList<>();
    /** The records the waiting frames came in, for the dead-letter topic if the model fails on them. */
    final List<ReceivedChunk> waitingChunks = new ArrayList<>();
    long lastInputWallMs;

    LiveStream(StreamLabeller.Session session, long nowMs) {
        this.session = session;
        this.lastInputWallMs = nowMs;
    }

    /** The waiting frames as the model's input, {@code [n][dims]}. */
    float[][] waitingFrames() {
        return waitingRows.toArray(new float[0][]);
    }

    /** Forgets the waiting frames (they were fed, or dead-lettered). */
    void clearWaiting() {
        waitingIndices.clear();
        waitingRows.clear();
        waitingChunks.clear();
    }
}

package io.tagstream.app;

import java.util.ArrayDeque;

/**
 * The in-memory side of one stream being labelled: the model session (a cache, rebuilt from the window store after
 * a restart or rebalance), the frames fed but not yet labelled, and the window-store timestamps of the stored context.
 */
final class LiveStream {

    final StreamLabeller.Session session;
    /** Indices of frames fed to the model whose labels wait for lookahead, oldest first. */
    final ArrayDeque<Long> pending = new ArrayDeque<>();
    /** Window-store timestamps of the stored context frames, oldest first. */
    final ArrayDeque<Long> stored = new ArrayDeque<>();
    long lastInputWallMs;

    LiveStream(StreamLabeller.Session session, long nowMs) {
        this.session = session;
        this.lastInputWallMs = nowMs;
    }
}

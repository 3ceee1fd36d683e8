package io.tagstream.app.topology;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether a task's input is live audio or a backlog it is catching up on. Live audio cannot come faster than real
 * time: over a window of {@value #WINDOW_MS} ms a live stream brings at most the window's length of audio, plus the
 * chunk that was on its way (a chunk's audio comes at once). A stream that brought more than {@value #FASTER_THAN_LIVE}
 * times the window beyond its largest chunk is being caught up on: a recording replayed at max speed, a backlog after
 * a stop or a restart. The task catches up while every stream that sent audio in the last whole window was caught
 * up on; one live stream among them makes the task live, as its frames' latency counts. A window without audio is
 * live.
 *
 * <p>Catching up, the label processor forwards bigger batches and asks for no commits of its own
 * ({@link LiveCommits}): nobody waits for any one frame of a backlog, and every commit is broker round trips and a
 * flush of the stores' caches. Labels are the same bits either way (the engine is batch-invariant).
 */
final class IntakePace {

    /** Length of a window, wall clock. */
    static final long WINDOW_MS = 500;
    /** Audio per window length beyond the largest chunk that marks a stream as caught up on. */
    static final double FASTER_THAN_LIVE = 2.0;

    private final double hopMs;
    private final Map<String, StreamIntake> window = new HashMap<>();
    private long windowStartMs;
    private boolean started;
    private boolean catchingUp;

    /** @param hopMs audio per frame */
    IntakePace(double hopMs) {
        if (!(hopMs > 0)) {
            throw new IllegalArgumentException("a frame hop must be positive, got " + hopMs);
        }
        this.hopMs = hopMs;
    }

    /** A chunk of {@code frames} frames of {@code streamId} came at {@code nowMs} (wall clock). */
    void received(String streamId, int frames, long nowMs) {
        roll(nowMs);
        window.computeIfAbsent(streamId, id -> new StreamIntake()).add(frames * hopMs);
    }

    /** Whether the task is catching up at {@code nowMs}: decided by the last whole window. */
    boolean catchingUp(long nowMs) {
        roll(nowMs);
        return catchingUp;
    }

    private void roll(long nowMs) {
        if (!started) {
            started = true;
            windowStartMs = nowMs;
            return;
        }
        long elapsed = nowMs - windowStartMs;
        if (elapsed < WINDOW_MS) {
            return;
        }
        boolean allCaughtUpOn = !window.isEmpty();
        for (StreamIntake intake : window.values()) {
            if (intake.audioMs - intake.largestChunkMs <= FASTER_THAN_LIVE * elapsed) {
                allCaughtUpOn = false;
                break;
            }
        }
        catchingUp = allCaughtUpOn;
        window.clear();
        windowStartMs = nowMs;
    }

    /** One stream's audio in the current window. */
    private static final class StreamIntake {
        double audioMs;
        double largestChunkMs;

        void add(double chunkMs) {
            audioMs += chunkMs;
            largestChunkMs = Math.max(largestChunkMs, chunkMs);
        }
    }
}

package io.tagstream.app.topology;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether a task's input is live audio or a backlog it is catching up on. Live audio cannot come faster than real
 * time: between its first and last chunk in a window of {@value #WINDOW_MS} ms a live stream brings about that span
 * of audio, plus the chunk that was on its way (a chunk's audio comes at once). A stream that brought more than
 * {@value #FASTER_THAN_LIVE} times its span beyond its largest chunk is being caught up on: a recording replayed at max
 * speed, a backlog after a stop or a restart. A stream votes only on enough evidence: a span of at least half a
 * window or {@value #DECISIVE_AUDIO_MS} ms of audio; one that just began or ended with little audio abstains. The
 * task catches up from the end of a window in which some stream voted caught-up and none live; one live vote makes
 * it live, as that stream's frames' latency counts; a window without audio makes it live; a window where every
 * stream abstained keeps the state.
 *
 * <p>Catching up, the label processor forwards bigger batches and asks for no commits of its own
 * ({@link LiveCommits}): nobody waits for any one frame of a backlog, and every commit is broker round trips and a
 * flush of the stores' caches. Labels are the same bits either way (the engine is batch-invariant).
 */
final class IntakePace {

    /** Length of a window, wall clock. */
    static final long WINDOW_MS = 500;
    /** Audio per span beyond the largest chunk that marks a stream as caught up on. */
    static final double FASTER_THAN_LIVE = 2.0;
    /** Audio in a window that lets a stream vote whatever its span. */
    static final double DECISIVE_AUDIO_MS = 1_000;

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
        window.computeIfAbsent(streamId, id -> new StreamIntake(nowMs)).add(frames * hopMs, nowMs);
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
        if (nowMs - windowStartMs < WINDOW_MS) {
            return;
        }
        boolean caughtUpOn = false;
        boolean live = window.isEmpty();
        for (StreamIntake intake : window.values()) {
            long span = intake.lastMs - intake.firstMs;
            if (span < WINDOW_MS / 2 && intake.audioMs < DECISIVE_AUDIO_MS) {
                continue;                                   // too little to tell: abstains
            }
            if (intake.audioMs - intake.largestChunkMs > FASTER_THAN_LIVE * span) {
                caughtUpOn = true;
            } else {
                live = true;
            }
        }
        if (live) {
            catchingUp = false;
        } else if (caughtUpOn) {
            catchingUp = true;
        }
        window.clear();
        windowStartMs = nowMs;
    }

    /** One stream's audio in the current window. */
    private static final class StreamIntake {
        final long firstMs;
        long lastMs;
        double audioMs;
        double largestChunkMs;

        StreamIntake(long firstMs) {
            this.firstMs = firstMs;
            this.lastMs = firstMs;
        }

        void add(double chunkMs, long nowMs) {
            audioMs += chunkMs;
            largestChunkMs = Math.max(largestChunkMs, chunkMs);
            lastMs = nowMs;
        }
    }
}

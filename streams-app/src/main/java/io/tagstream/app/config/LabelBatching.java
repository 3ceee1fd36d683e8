package io.tagstream.app.config;

import java.time.Duration;

/**
 * How the label processor batches model work. A task's incoming frames are stored at once (context store and stream
 * state, in the record's transaction) and wait; one batched forward of the model then labels every waiting frame of
 * every stream of the task. That happens when {@code maxFrames} frames wait, every {@code maxWait} of wall-clock
 * time, and before a stream's end or gap is handled.
 *
 * @param maxFrames frames waiting in a task that trigger a forward at once (1 = a forward per record)
 * @param maxWait   the longest a frame waits for its forward (a wall-clock punctuation)
 */
public record LabelBatching(int maxFrames, Duration maxWait) {

    /** 512 frames, 5 ms: measured in {@code tagstream bench pipeline}, see docs/configuration.md. */
    public static final LabelBatching DEFAULT = new LabelBatching(512, Duration.ofMillis(5));

    public LabelBatching {
        if (maxFrames < 1 || maxFrames > 100_000) {
            throw new IllegalArgumentException("label.batch.max.frames must be 1..100000, got " + maxFrames);
        }
        if (maxWait == null || maxWait.toMillis() < 1 || maxWait.toMillis() > 60_000) {
            throw new IllegalArgumentException("label.batch.max.wait.ms must be 1..60000, got "
                    + (maxWait == null ? null : maxWait.toMillis()));
        }
    }
}

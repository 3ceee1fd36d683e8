package io.tagstream.ingest;

import java.util.concurrent.TimeUnit;

/**
 * Releases audio no faster than the replay speed: media time {@code t} is due {@code t / speed} after the first call,
 * on the monotonic clock ({@link System#nanoTime()}). Waits by sleeping, never by spinning.
 */
final class Pacer {

    private final ReplaySpeed speed;
    private long startNanos;
    private boolean started;

    Pacer(ReplaySpeed speed) {
        this.speed = speed;
    }

    /** Starts the clock: media time 0 is due now. */
    void start() {
        startNanos = System.nanoTime();
        started = true;
    }

    /** Sleeps until {@code mediaNanos} of audio is due (returns at once at {@link ReplaySpeed#MAX}). */
    void awaitMediaTime(long mediaNanos) throws InterruptedException {
        if (!started) {
            start();
        }
        if (speed.isMax()) {
            return;
        }
        long due = startNanos + speed.wallNanosFor(mediaNanos);
        long remaining = due - System.nanoTime();
        while (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
            remaining = due - System.nanoTime();
        }
    }

    /** Seconds on the monotonic clock since {@link #start()}. */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

package io.tagstream.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for long-running commands: while open, a JVM shutdown runs {@code onStop} (which asks the command to stop)
 * and then waits, at most {@code grace}, until the command has closed this, so it can commit, flush and release
 * ports before the JVM exits.
 */
final class CtrlC implements AutoCloseable {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    CtrlC(String name, Duration grace, Runnable onStop) {
        this.hook = new Thread(() -> {
            onStop.run();
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The command has finished: a pending shutdown may proceed; no hook stays registered. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running (Ctrl-C) and was waiting for exactly this
        }
    }
}

package io.tagstream.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads of a {@link DemoFeed}: started by name, interrupted to stop, joined on close; the first failure of any
 * of them is kept for the caller, except failures caused by stopping.
 */
final class FeedThreads {

    /** Work of one feeding thread; an interrupt means "stop". */
    interface Work {
        void run() throws InterruptedException;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean stopping;

    void start(String name, Work work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (!stopping) {
                    failure.compareAndSet(null, e);
                }
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /**
     * Interrupts every thread, once (a second interrupt could land in a producer's close and cut its flush short);
     * failures from now on are the stop's doing and are not reported.
     */
    synchronized void interrupt() {
        if (!stopping) {
            stopping = true;
            threads.forEach(Thread::interrupt);
        }
    }

    /** Waits for every thread, each at most {@code limit}. */
    void join(Duration limit) {
        for (Thread thread : threads) {
            try {
                thread.join(limit.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    RuntimeException failure() {
        return failure.get();
    }
}

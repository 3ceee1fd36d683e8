package io.tagstream.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one encoder may use for a single call: the calling thread plus {@code threads - 1} daemon workers,
 * created only when more than one thread is configured. Tasks of one call run concurrently and the call returns when
 * all have finished.
 */
final class WorkerPool implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final ExecutorService workers;   // null with one thread

    WorkerPool(int threads) {
        this.threads = threads;
        if (threads > 1) {
            int pool = POOLS.incrementAndGet();
            AtomicInteger count = new AtomicInteger();
            this.workers = Executors.newFixedThreadPool(threads - 1, task -> {
                Thread thread = new Thread(task, "tagstream-encoder-" + pool + "-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        } else {
            this.workers = null;
        }
    }

    int threads() {
        return threads;
    }

    /** Runs every task, the last one on the calling thread, and waits for all; rethrows the first failure. */
    void runAll(List<Runnable> tasks) {
        if (workers == null || tasks.size() <= 1) {
            tasks.forEach(Runnable::run);
            return;
        }
        List<Future<?>> started = new ArrayList<>();
        for (int i = 0; i < tasks.size() - 1; i++) {
            started.add(workers.submit(tasks.get(i)));
        }
        RuntimeException failure = null;
        try {
            tasks.get(tasks.size() - 1).run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> future : started) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("encoder worker failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for encoder workers", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdown();
        }
    }
}

package io.tagstream.app.topology;

import java.time.Duration;

import org.apache.kafka.streams.processor.api.ProcessorContext;

import io.tagstream.app.config.AppConfig;

/**
 * Commits for live tasks. With exactly-once a label is readable only once the transaction that wrote it commits, so a
 * live frame's latency includes the wait for the next commit; a backlog's frames have no one waiting. When
 * {@code commit.catchup.interval.ms} is longer than {@code commit.interval.ms} (e.g. 100 ms against 20; by default
 * they are equal and nothing here asks), Kafka Streams commits every catch-up interval on its own, and a label
 * processor whose task is live ({@link IntakePace}) asks for a commit ({@link ProcessorContext#commit()}, made at the
 * end of the stream thread's current round) every {@code commit.interval.ms} per stream thread, from its batch
 * punctuation.
 * Each stream thread commits its own transaction, with every task it runs: one request a thread and interval is
 * enough, whichever of its tasks asks. But Kafka Streams makes a requested commit only if the task that asked has
 * something to commit, so only a task that took input since its thread's last request asks (its epoch): a
 * task with nothing new would use up the thread's request and leave another's labels to the catch-up interval.
 *
 * <p>The interval runs from the end of the thread's last requested commit, as Kafka Streams' own interval runs from
 * the end of its last commit: a commit takes the thread 5-20 ms here, and an interval counted from the request let
 * the thread commit after every record it processed, with no time to poll (measured: 40-80 records a second per
 * thread against 300 arriving, a live stream seconds behind; docs/configuration.md). The end of a requested commit
 * is taken as the first record a label processor of the thread processes after the request ({@link #inputTaken}):
 * Kafka Streams commits in the same round as the punctuation that asked, before it processes records again (other
 * tasks' punctuations of that round still come before the commit, so they do not count).
 */
final class LiveCommits {

    private final long intervalMs;
    private final ThreadLocal<ThreadRequests> requests = ThreadLocal.withInitial(ThreadRequests::new);

    private LiveCommits(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /** The requests {@code config} asks for: none when Kafka Streams' own interval is already the live one. */
    static LiveCommits of(AppConfig config) {
        return new LiveCommits(config.liveCommitRequests() ? config.commitInterval().toMillis() : 0);
    }

    /** Live commits every {@code interval} per stream thread; zero: never ask. */
    static LiveCommits every(Duration interval) {
        return new LiveCommits(interval.toMillis());
    }

    /**
     * A label processor of this thread processes a record at {@code nowMs}: if the thread asked for a commit before,
     * that commit is done. Returns the thread's requests so far (its epoch), for the task to ask with
     * ({@link #maybeRequest}); nothing to do, and 0, when this never asks.
     */
    long inputTaken(long nowMs) {
        if (intervalMs <= 0) {
            return 0;
        }
        ThreadRequests thread = requests.get();
        if (thread.pending) {
            thread.pending = false;
            thread.doneMs = nowMs;
        }
        return thread.epoch;
    }

    /**
     * Asks for a commit if the task took input since this stream thread's last request (its input came at
     * {@code inputEpoch}, from {@link #inputTaken}) and the thread's last requested commit ended at least the interval
     * before {@code nowMs}; returns whether it asked.
     */
    boolean maybeRequest(ProcessorContext<?, ?> context, long nowMs, long inputEpoch) {
        if (intervalMs <= 0) {
            return false;
        }
        ThreadRequests thread = requests.get();
        if (inputEpoch != thread.epoch || thread.pending
                || (thread.doneMs != Long.MIN_VALUE && nowMs - thread.doneMs < intervalMs)) {
            return false;
        }
        context.commit();
        thread.epoch++;
        thread.pending = true;
        return true;
    }

    /** One stream thread's requests. */
    private static final class ThreadRequests {
        long doneMs = Long.MIN_VALUE; // when the last requested commit was seen done
        long epoch;                   // requests made
        boolean pending;              // a request not yet seen done
    }
}

package io.tagstream.app.topology;

import java.time.Duration;

import org.apache.kafka.streams.processor.api.ProcessorContext;

import io.tagstream.app.config.AppConfig;

/**
 * Commits for live tasks. With exactly-once a label is readable only once the transaction that wrote it commits, so a
 * live frame's latency includes the wait for the next commit; a backlog's frames have no one waiting. So Kafka
 * Streams commits every {@code commit.catchup.interval.ms} (100 ms) on its own, and a label processor whose task is
 * live ({@link IntakePace}) asks for a commit ({@link ProcessorContext#commit()}, made at the end of the stream
 * thread's current round) every {@code commit.interval.ms} (20 ms) per stream thread, from its batch punctuation.
 * Each stream thread commits its own transaction, with every task it runs: one request a thread and interval is
 * enough, whichever of its tasks asks.
 */
final class LiveCommits {

    private final long intervalMs;
    private final ThreadLocal<long[]> lastRequestMs = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

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

    /** Asks for a commit if this stream thread has not asked within the interval before {@code nowMs}. */
    void maybeRequest(ProcessorContext<?, ?> context, long nowMs) {
        if (intervalMs <= 0) {
            return;
        }
        long[] last = lastRequestMs.get();
        if (last[0] == Long.MIN_VALUE || nowMs - last[0] >= intervalMs) {
            context.commit();
            last[0] = nowMs;
        }
    }
}

package io.tagstream.app.topology;

import java.time.Duration;

import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Commits sooner while live streams are labelled. With exactly-once a label is readable only once the transaction
 * that wrote it commits, so waiting for the commit adds to every frame's latency; but each commit costs broker round
 * trips and stream-thread time, which a backlog (a replay at max speed, a catch-up after a restart) pays for nothing,
 * as no one waits for any one of its frames. So the app commits every {@code commit.interval.ms} (100 ms), and while
 * it sends labels of live frames it asks Kafka Streams for a commit ({@link ProcessorContext#commit()}, honoured
 * after the current record) at most every {@code live.commit.interval.ms} (20 ms) per stream thread. Live labels
 * that went out just after a request are asked for by the label processor's batch punctuation once the interval has
 * passed ({@link #maybeRequest}), so none waits longer than that for lack of a later live label.
 *
 * <p>A frame is live when its label goes out at most {@value #MAX_LAG_MS} ms after the end of its audio by its event
 * time (the ingest's clock) and at most {@value #MAX_LEAD_MS} ms before it (clocks of two hosts differ). A recording
 * replayed faster than real time runs ahead of the clock within a second or two, one replayed with its old
 * timestamps is far behind it: neither is live. The lag allowed is long because a live stream on a busy machine
 * falls seconds behind (a test on a loaded 2-core machine measured 5-7 s), and a stream behind needs its commits
 * soonest.
 *
 * <p>One instance serves every label processor of a topology; its state is per stream thread, since each thread
 * commits its own transaction.
 */
final class LiveCommits {

    /** Latest a label may go out after its frame's audio ended, for the frame to count as live. */
    static final long MAX_LAG_MS = 60_000;
    /** Earliest, before the end of its audio by the event time: the skew allowed between the ingest's clock and ours. */
    static final long MAX_LEAD_MS = 1_000;

    private final long intervalMs;
    private final ThreadLocal<ThreadCommits> threads = ThreadLocal.withInitial(ThreadCommits::new);

    /** @param interval the shortest time between two requests of one stream thread; zero: never request */
    LiveCommits(Duration interval) {
        this.intervalMs = interval.toMillis();
    }

    /** Whether a frame whose label goes out {@code labelLatencyMs} after the end of its audio is live. */
    static boolean isLive(long labelLatencyMs) {
        return labelLatencyMs >= -MAX_LEAD_MS && labelLatencyMs <= MAX_LAG_MS;
    }

    /** Labels of live frames went out on this thread at {@code nowMs}: a commit is due now or at the next chance. */
    void liveLabelsSent(ProcessorContext<?, ?> context, long nowMs) {
        if (intervalMs == 0) {
            return;
        }
        threads.get().waiting = true;
        maybeRequest(context, nowMs);
    }

    /** Asks for a commit if live labels of this thread wait for one and the last request is an interval old. */
    void maybeRequest(ProcessorContext<?, ?> context, long nowMs) {
        ThreadCommits thread = threads.get();
        if (thread.waiting && nowMs - thread.lastRequestMs >= intervalMs) {
            context.commit();
            thread.lastRequestMs = nowMs;
            thread.waiting = false;
        }
    }

    /** One stream thread's requests. */
    private static final class ThreadCommits {
        private long lastRequestMs = Long.MIN_VALUE / 2;
        private boolean waiting;
    }
}

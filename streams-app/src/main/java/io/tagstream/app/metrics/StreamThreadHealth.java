package io.tagstream.app.metrics;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Whether the stream threads make progress, for {@code /health}. A stream thread polls its consumer in every loop,
 * with input or without; one whose consumer has not polled for the stall timeout is stuck (blocked in a call that
 * does not return). Threads that fail {@value #CRASH_LOOP_FAILURES} times within the stall timeout are a crash loop,
 * even though each replacement polls for a while.
 */
public final class StreamThreadHealth {

    static final int CRASH_LOOP_FAILURES = 3;
    private static final String LAST_POLL = "last-poll-seconds-ago";
    private static final String CONSUMER_GROUP = "consumer-metrics";

    private final Duration stallTimeout;
    private final LongSupplier nanoTime;
    private final Deque<Long> failures = new ArrayDeque<>();

    public StreamThreadHealth(Duration stallTimeout, LongSupplier nanoTime) {
        this.stallTimeout = stallTimeout;
        this.nanoTime = nanoTime;
    }

    /** A stream thread died on an exception (and was replaced). */
    public synchronized void threadFailed() {
        failures.addLast(nanoTime.getAsLong());
    }

    /** What is wrong, one line each, from the Kafka Streams metrics; empty when every thread makes progress. */
    public synchronized List<String> problems(Map<MetricName, ? extends Metric> metrics) {
        List<String> problems = new ArrayList<>();
        double limitSeconds = stallTimeout.toMillis() / 1000.0;
        metrics.forEach((name, metric) -> {
            String client = name.tags().getOrDefault("client-id", "");
            if (LAST_POLL.equals(name.name()) && CONSUMER_GROUP.equals(name.group()) && isMainConsumer(client)
                    && metric.metricValue() instanceof Number seconds && seconds.doubleValue() >= limitSeconds) {
                problems.add("stream thread " + threadOf(client) + " has not polled Kafka for "
                        + Math.round(seconds.doubleValue()) + " s");
            }
        });
        long since = nanoTime.getAsLong() - stallTimeout.toNanos();
        while (!failures.isEmpty() && failures.peekFirst() - since < 0) {
            failures.removeFirst();
        }
        if (failures.size() >= CRASH_LOOP_FAILURES) {
            problems.add(failures.size() + " stream thread failures in the last " + Math.round(limitSeconds) + " s");
        }
        problems.sort(null);
        return problems;
    }

    /** A stream thread's main consumer ("...-StreamThread-1-consumer"), not its restore or the global consumer. */
    private static boolean isMainConsumer(String clientId) {
        return clientId.endsWith("-consumer") && clientId.contains("-StreamThread-")
                && !clientId.endsWith("-restore-consumer");
    }

    private static String threadOf(String clientId) {
        int at = clientId.lastIndexOf("-StreamThread-");
        return clientId.substring(at + 1, clientId.length() - "-consumer".length());
    }
}

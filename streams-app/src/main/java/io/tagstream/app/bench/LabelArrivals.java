package io.tagstream.app.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;


/**
 * Follows the labels topic as a consumer would (read_committed, from the beginning) on its own thread and records,
 * for every label, the wall-clock time it became readable; a label record's timestamp is the event time of its
 * frame's start. Counts labels and keeps the latency of each label whose
 * frame audio was available at a known wall time (live runs).
 */
final class LabelArrivals implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong count = new AtomicLong();
    private final long windowMillis;
    private final long latencyFromMs;
    private final byte[] streamPrefix;
    private final LatencySamples latencies = new LatencySamples();
    private volatile long firstArrivalNanos = -1;
    private volatile long lastArrivalNanos = -1;
    private volatile ThreadCpuTimes cpuAtFirstArrival;
    private volatile RuntimeException failure;

    /**
     * @param windowMillis  a frame's audio ends this long after its start time (the analysis window)
     * @param latencyFromMs labels of frames starting before this event time are counted but their latency is not
     *                      kept (warm-up); {@code Long.MAX_VALUE} keeps none
     */
    LabelArrivals(String bootstrap, String topic, long windowMillis, long latencyFromMs) {
        this(bootstrap, topic, windowMillis, latencyFromMs, "");
    }

    /** Counts only the labels of streams whose id starts with {@code streamPrefix} (the record key). */
    LabelArrivals(String bootstrap, String topic, long windowMillis, long latencyFromMs, String streamPrefix) {
        this.windowMillis = windowMillis;
        this.latencyFromMs = latencyFromMs;
        this.streamPrefix = streamPrefix.getBytes(StandardCharsets.UTF_8);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::follow, "bench-label-arrivals");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    if (record.key() != null && Arrays.equals(record.key(), 0, Math.min(streamPrefix.length,
                            record.key().length), streamPrefix, 0, streamPrefix.length)) {
                        arrived(record.timestamp());
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** One label readable now; {@code eventTimeMs} is its record timestamp, the event time of its frame's start. */
    private void arrived(long eventTimeMs) {
        long nanos = System.nanoTime();
        long wallMs = System.currentTimeMillis();
        if (firstArrivalNanos < 0) {
            cpuAtFirstArrival = ThreadCpuTimes.now();
            firstArrivalNanos = nanos;
        }
        lastArrivalNanos = nanos;
        count.incrementAndGet();
        if (latencyFromMs != Long.MAX_VALUE && eventTimeMs >= latencyFromMs) {
            latencies.add(wallMs - (eventTimeMs + windowMillis));
        }
    }

    /** Waits until {@code expected} labels arrived; false if {@code timeout} passed first. */
    boolean await(long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() < expected && System.nanoTime() < deadline) {
            if (failure != null) {
                throw failure;
            }
            Thread.sleep(10);
        }
        return count.get() >= expected;
    }

    long count() {
        return count.get();
    }

    /** Seconds from the first label's arrival to the last's. */
    double arrivalSpanSeconds() {
        return (lastArrivalNanos - firstArrivalNanos) / 1e9;
    }

    long firstArrivalNanos() {
        return firstArrivalNanos;
    }

    /** The JVM's CPU times when the first label arrived ({@code null} before). */
    ThreadCpuTimes cpuAtFirstArrival() {
        return cpuAtFirstArrival;
    }

    LatencySamples latencies() {
        return latencies;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}

package io.tagstream.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.tagstream.kafka.TopicsConfig;
import io.tagstream.wire.LabelJson;

/**
 * Reads the labels and segments topics as any consumer of the pipeline would ({@code read_committed}, from the
 * beginning, every partition) on its own thread, and hands each record to its stream's {@link ReceivedLabels},
 * stamped with its arrival time. Records of streams it does not follow are skipped.
 */
public final class LabelFollower implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration JOIN_WAIT = Duration.ofSeconds(10);

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicsConfig topics;
    private final Map<String, ReceivedLabels> streams;
    private final Consumer<byte[]> labelTap;
    private final Thread thread;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean closed;
    private long polls; // guarded by this

    /**
     * @param streams  the followed streams by id
     * @param labelTap receives the raw JSON of every followed label record, in arrival order (e.g. to a file)
     */
    public LabelFollower(String bootstrapServers, TopicsConfig topics, Map<String, ReceivedLabels> streams,
                         Consumer<byte[]> labelTap) {
        this.topics = topics;
        this.streams = Map.copyOf(streams);
        this.labelTap = labelTap;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "tagstream-demo-follower"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.labels(), topics.segments())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::follow, "tagstream-demo-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try {
            while (!closed) {
                var records = consumer.poll(POLL);
                long arrived = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    accept(record, arrived);
                }
                polled();
            }
        } catch (WakeupException e) {
            // close() woke the poll up
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record, long arrivedNanos) {
        ReceivedLabels stream = streams.get(record.key());
        if (stream == null) {
            return;
        }
        if (record.topic().equals(topics.labels())) {
            stream.label(LabelJson.decodeLabel(record.value()), arrivedNanos);
            labelTap.accept(record.value());
        } else {
            stream.segment(LabelJson.decodeSegment(record.value()));
        }
    }

    private synchronized void polled() {
        polls++;
        notifyAll();
    }

    /**
     * Waits until the follower has handled its next poll (records or none: at least every 100 ms while it runs), at
     * most {@code limit}: the moment to look at the streams again.
     */
    public synchronized void awaitNextPoll(Duration limit) throws InterruptedException {
        long seen = polls;
        long deadline = System.nanoTime() + limit.toNanos();
        long remaining = limit.toNanos();
        while (polls == seen && remaining > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
            remaining = deadline - System.nanoTime();
        }
    }

    /** The first failure of the consumer thread (e.g. a record that is not valid label JSON), or null. */
    public RuntimeException failure() {
        return failure.get();
    }

    /** Stops following and closes the consumer. */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(JOIN_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.tagstream.app.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;

/**
 * Reads the label topic (read_committed) while a chaos run goes on and keeps, per stream, every frame's first label
 * and when it arrived, how many labels came twice and how many out of order. Runs on its own thread until closed.
 */
final class LabelLedger implements AutoCloseable {

    /** One stream's labels. */
    static final class StreamLabels {
        final float[][] probabilities;
        final long[] arrivalNanos;
        long labelled;
        long duplicated;
        long outOfOrder;
        long lastFrame = -1;

        StreamLabels(int frames) {
            probabilities = new float[frames][];
            arrivalNanos = new long[frames];
        }
    }

    private final Map<String, StreamLabels> streams = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean stop;

    LabelLedger(String bootstrap, String topic, Map<String, Integer> framesPerStream) {
        framesPerStream.forEach((id, frames) -> streams.put(id, new StreamLabels(frames)));
        reader = new Thread(() -> read(bootstrap, topic), "chaos-label-ledger");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop) {
                try {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        record(r.key(), LabelJson.decodeLabel(r.value()));
                    }
                } catch (KafkaException e) {
                    // the broker may be down for a while in a chaos run: keep polling
                }
            }
        }
    }

    private void record(String stream, LabelRecord label) {
        StreamLabels s = streams.get(stream);
        if (s == null) {
            return;
        }
        synchronized (s) {
            int f = (int) label.frame();
            if (f < 0 || f >= s.probabilities.length) {
                return;
            }
            if (f <= s.lastFrame) {
                s.outOfOrder += s.probabilities[f] == null ? 1 : 0;
            }
            s.lastFrame = Math.max(s.lastFrame, f);
            if (s.probabilities[f] != null) {
                s.duplicated++;
                return;
            }
            s.probabilities[f] = label.probabilities();
            s.arrivalNanos[f] = System.nanoTime();
            s.labelled++;
        }
    }

    StreamLabels stream(String id) {
        return streams.get(id);
    }

    /** Labelled frames over all streams so far. */
    long labelled() {
        return streams.values().stream().mapToLong(s -> {
            synchronized (s) {
                return s.labelled;
            }
        }).sum();
    }

    /**
     * How long labels stopped after {@code eventNanos}: the longest wait of any stream from that moment to its first
     * label after it, counting only streams that were waiting (no label within {@code quietNanos} of the event).
     * 0 when no stream stalled.
     */
    double stallSeconds(long eventNanos, long quietNanos) {
        double worst = 0;
        for (StreamLabels s : streams.values()) {
            synchronized (s) {
                long firstAfter = Long.MAX_VALUE;
                for (long t : s.arrivalNanos) {
                    if (t > eventNanos && t < firstAfter) {
                        firstAfter = t;
                    }
                }
                if (firstAfter != Long.MAX_VALUE && firstAfter - eventNanos > quietNanos) {
                    worst = Math.max(worst, (firstAfter - eventNanos) / 1e9);
                }
            }
        }
        return worst;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        reader.join(10_000);
    }
}

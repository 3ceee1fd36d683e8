package io.tagstream.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads one stream's records back from a topic, from the beginning, with a deadline. */
final class TopicReader {

    private TopicReader() {
    }

    /**
     * All records keyed {@code streamId} on {@code topic}, in offset order, read until {@code endMarkers} values
     * matching {@code isEnd} have arrived (then a further short poll proves nothing follows), or the deadline passes.
     */
    static List<ConsumerRecord<byte[], byte[]>> readStream(String bootstrapServers, String topic, String streamId,
                                                           Predicate<byte[]> isEnd, int endMarkers, Duration deadline) {
        byte[] key = streamId.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + deadline.toNanos();
            int ends = 0;
            while (ends < endMarkers && System.nanoTime() < end) {
                ends += poll(consumer, key, isEnd, records, Duration.ofMillis(200));
            }
            poll(consumer, key, isEnd, records, Duration.ofMillis(500));
        }
        return records;
    }

    private static int poll(KafkaConsumer<byte[], byte[]> consumer, byte[] key, Predicate<byte[]> isEnd,
                            List<ConsumerRecord<byte[], byte[]>> records, Duration timeout) {
        int ends = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            if (Arrays.equals(key, record.key())) {
                records.add(record);
                ends += isEnd.test(record.value()) ? 1 : 0;
            }
        }
        return ends;
    }
}

package io.tagstream.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.tagstream.kafka.KafkaConnection;

/**
 * Sends one stream's chunks to one topic with an idempotent producer ({@code enable.idempotence=true},
 * {@code acks=all}): key = stream id in UTF-8 (so the stream stays in one partition, in order), value = the encoded
 * chunk, record timestamp = the chunk's event time. The first asynchronous failure is rethrown by the next call.
 */
public final class KafkaChunkSink implements ChunkSink {

    /** How long a send may block for metadata (an unreachable broker), and how long close waits for acks. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final byte[] key;
    private final String where;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private boolean closed;

    private KafkaChunkSink(Producer<byte[], byte[]> producer, String topic, String streamId, String where) {
        this.producer = producer;
        this.topic = topic;
        this.key = streamId.getBytes(StandardCharsets.UTF_8);
        this.where = where;
    }

    /** An idempotent producer for {@code streamId}'s records on {@code topic}. */
    public static KafkaChunkSink open(String bootstrapServers, String topic, String streamId, Duration timeout) {
        return open(KafkaConnection.of(bootstrapServers), topic, streamId, timeout);
    }

    /** As above over {@code connection} (with its security settings). */
    public static KafkaChunkSink open(KafkaConnection connection, String topic, String streamId, Duration timeout) {
        String bootstrapServers = connection.bootstrapServers();
        int requestTimeoutMs = (int) Math.min(30_000, timeout.toMillis());
        int lingerMs = 5;
        Map<String, Object> config = connection.clientConfig();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "tagstream-ingest");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) Math.min(Integer.MAX_VALUE, Math.max(timeout.toMillis(), requestTimeoutMs + lingerMs)));
        try {
            KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            return new KafkaChunkSink(producer, topic, streamId, "topic " + topic + " at " + bootstrapServers);
        } catch (KafkaException e) {
            throw new IngestException("cannot create a Kafka producer for " + bootstrapServers + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void send(EncodedChunk chunk) {
        rethrowFailure();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, chunk.eventTimeMs(), key,
                chunk.value());
        try {
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        } catch (KafkaException e) {
            throw new IngestException("cannot send to " + where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            throw new IngestException("cannot send to " + where + ": " + e.getMessage(), e);
        }
        rethrowFailure();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            producer.flush();
        } finally {
            producer.close(DEFAULT_TIMEOUT);
        }
        rethrowFailure();
    }

    @Override
    public String describe() {
        return where;
    }

    private void rethrowFailure() {
        Exception e = failure.get();
        if (e != null) {
            throw new IngestException("cannot send to " + where + ": " + e.getMessage(), e);
        }
    }
}

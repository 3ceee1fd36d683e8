package io.tagstream.app.topology;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.model.ModelFile;

/**
 * Routes a record the pipeline cannot use to the dead-letter topic: original key and bytes, and headers naming the
 * source topic, partition, offset and the error. The stream it came from keeps going.
 *
 * <p>A dead letter always fits: when the original bytes with the headers would pass the record limit it is given (the
 * smaller of the producer's {@code max.request.size} and the dead-letter topic's {@code max.message.bytes}), the
 * payload is cut to what fits and the headers say so ({@value #HEADER_TRUNCATED}), with the original size and its
 * SHA-256. A dead letter is never itself dead-lettered, so no record can make the error path loop.
 */
public final class DeadLetters {

    static final String HEADER_TOPIC = "tagstream.dlq.topic";
    static final String HEADER_PARTITION = "tagstream.dlq.partition";
    static final String HEADER_OFFSET = "tagstream.dlq.offset";
    static final String HEADER_ERROR = "tagstream.dlq.error";
    static final String HEADER_TRUNCATED = "tagstream.dlq.truncated";
    static final String HEADER_ORIGINAL_SIZE = "tagstream.dlq.original.size";
    static final String HEADER_ORIGINAL_SHA256 = "tagstream.dlq.original.sha256";
    static final String HEADER_HEADERS_DROPPED = "tagstream.dlq.original.headers.dropped";

    /** Name of the sink node every processor forwards dead letters to. */
    static final String SINK = "dlq-sink";
    /** Key under which the Kafka Streams config carries this object to the exception handlers. */
    static final String CONFIG_KEY = "tagstream.dead.letters";
    /** An error message longer than this is cut (a stack trace does not belong in a header). */
    static final int MAX_ERROR_CHARS = 2_000;

    private final String topic;
    private final int maxRecordBytes;
    private final PipelineMetrics metrics;

    /**
     * @param topic          the dead-letter topic
     * @param maxRecordBytes the largest record the producer and the topic accept
     */
    public DeadLetters(String topic, int maxRecordBytes, PipelineMetrics metrics) {
        if (topic == null || topic.isEmpty() || metrics == null) {
            throw new IllegalArgumentException("a dead-letter topic and metrics are required");
        }
        if (maxRecordBytes < 4_096) {
            throw new IllegalArgumentException("the dead-letter record limit must be at least 4096 bytes, got "
                    + maxRecordBytes);
        }
        this.topic = topic;
        this.maxRecordBytes = maxRecordBytes;
        this.metrics = metrics;
    }

    /** The dead letters a Kafka Streams config carries under {@link #CONFIG_KEY} (for the exception handlers). */
    static DeadLetters in(java.util.Map<String, ?> configs) {
        if (!(configs.get(CONFIG_KEY) instanceof DeadLetters deadLetters)) {
            throw new IllegalStateException(CONFIG_KEY + " is missing from the Kafka Streams config");
        }
        return deadLetters;
    }

    String topic() {
        return topic;
    }

    /** Forwards {@code original}, the record being processed, to the dead-letter sink with the reason. */
    void send(ProcessorContext<String, byte[]> context, Record<String, byte[]> original, String error) {
        send(context, original, context.recordMetadata().orElse(null), error);
    }

    /**
     * Forwards {@code original}, read from {@code source} ({@code null}: unknown, the headers say "" and -1), to the
     * dead-letter sink with the reason: for records handled after the one being processed (batched model work).
     */
    void send(ProcessorContext<String, byte[]> context, Record<String, byte[]> original, RecordMetadata source,
            String error) {
        byte[] key = original.key() == null ? new byte[0] : original.key().getBytes(StandardCharsets.UTF_8);
        Letter letter = fit(key, original.value(), original.headers().toArray(), source == null ? "" : source.topic(),
                source == null ? -1 : source.partition(), source == null ? -1 : source.offset(), error);
        context.forward(new Record<>(original.key(), letter.value(), original.timestamp(), letter.headers()), SINK);
    }

    /** The dead letter of the input record behind {@code failure} (for Kafka Streams' exception handlers). */
    ProducerRecord<byte[], byte[]> of(ErrorHandlerContext failure, String error) {
        byte[] key = failure.sourceRawKey();
        Letter letter = fit(key == null ? new byte[0] : key, failure.sourceRawValue(),
                failure.headers() == null ? new Header[0] : failure.headers().toArray(), failure.topic(),
                failure.partition(), failure.offset(), error);
        return new ProducerRecord<>(topic, null, failure.timestamp() < 0 ? null : failure.timestamp(), key,
                letter.value(), letter.headers());
    }

    /** A dead letter that could not be written, even cut (counted; never retried, never dead-lettered). */
    void dropped() {
        metrics.deadLetterDropped();
    }

    private Letter fit(byte[] key, byte[] value, Header[] original, String sourceTopic, int partition, long offset,
            String error) {
        metrics.deadLetter();
        byte[] payload = value == null ? new byte[0] : value;
        List<Header> ours = new ArrayList<>(List.of(
                header(HEADER_TOPIC, sourceTopic == null ? "" : sourceTopic),
                header(HEADER_PARTITION, String.valueOf(partition)),
                header(HEADER_OFFSET, String.valueOf(offset)),
                header(HEADER_ERROR, error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error)));
        Header[] all = concat(original, ours);
        if (RecordSizeBound.of(key.length, payload.length, all) <= maxRecordBytes) {
            return new Letter(value, new RecordHeaders(all));
        }
        metrics.deadLetterTruncated();
        ours.add(header(HEADER_TRUNCATED, "true"));
        ours.add(header(HEADER_ORIGINAL_SIZE, String.valueOf(payload.length)));
        ours.add(header(HEADER_ORIGINAL_SHA256, ModelFile.sha256(payload)));
        all = concat(original, ours);
        if (RecordSizeBound.of(key.length, 0, all) > maxRecordBytes) {
            ours.add(header(HEADER_HEADERS_DROPPED, String.valueOf(original.length)));
            all = ours.toArray(new Header[0]);
        }
        int room = Math.max(0, maxRecordBytes - RecordSizeBound.of(key.length, 0, all));
        return new Letter(Arrays.copyOf(payload, Math.min(room, payload.length)), new RecordHeaders(all));
    }

    private record Letter(byte[] value, RecordHeaders headers) {
    }

    private static Header[] concat(Header[] original, List<Header> ours) {
        Header[] all = Arrays.copyOf(original, original.length + ours.size());
        for (int i = 0; i < ours.size(); i++) {
            all[original.length + i] = ours.get(i);
        }
        return all;
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

package io.tagstream.app;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Routes a record the pipeline cannot use to the dead-letter topic: original key and bytes, and headers naming the
 * source topic, partition, offset and the error. The stream it came from keeps going.
 */
final class DeadLetters {

    static final String HEADER_TOPIC = "tagstream.dlq.topic";
    static final String HEADER_PARTITION = "tagstream.dlq.partition";
    static final String HEADER_OFFSET = "tagstream.dlq.offset";
    static final String HEADER_ERROR = "tagstream.dlq.error";

    /** Name of the sink node every processor forwards dead letters to. */
    static final String SINK = "dlq-sink";

    private DeadLetters() {
    }

    /** Forwards {@code original} to the dead-letter sink with the reason. */
    static void send(ProcessorContext<String, byte[]> context, Record<String, byte[]> original, String error) {
        send(context, original, context.recordMetadata().orElse(null), error);
    }

    /**
     * Forwards {@code original}, read from {@code source} ({@code null}: unknown, the headers say "" and -1), to the
     * dead-letter sink with the reason: for records handled after the one being processed (batched model work).
     */
    static void send(ProcessorContext<String, byte[]> context, Record<String, byte[]> original, RecordMetadata source,
            String error) {
        Headers headers = new RecordHeaders(original.headers().toArray());
        headers.add(HEADER_TOPIC, utf8(source == null ? "" : source.topic()));
        headers.add(HEADER_PARTITION, utf8(source == null ? "-1" : String.valueOf(source.partition())));
        headers.add(HEADER_OFFSET, utf8(source == null ? "-1" : String.valueOf(source.offset())));
        headers.add(HEADER_ERROR, utf8(error));
        context.forward(new Record<>(original.key(), original.value(), original.timestamp(), headers), SINK);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

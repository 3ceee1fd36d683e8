package io.tagstream.app.topology;

import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A feature-chunk record as it came in, kept while its frames wait for a batched forward, so that a model failure
 * can send it to the dead-letter topic with its source topic, partition and offset.
 *
 * @param record the record (key, bytes, headers, timestamp)
 * @param source where it was read from, or {@code null} if unknown
 */
record ReceivedChunk(Record<String, byte[]> record, RecordMetadata source) {
}

package io.tagstream.app.topology;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;

/**
 * An upper bound on the bytes a record takes on the wire, in a batch of its own (record batch format v2, no
 * compression): what the producer compares with {@code max.request.size} and the broker with the topic's
 * {@code max.message.bytes}. Every variable-length integer is counted at its largest size, so the bound holds whatever
 * the record's offset and timestamp deltas are.
 */
final class RecordSizeBound {

    /** Record batch v2 header: base offset .. record count (what Kafka calls RECORD_BATCH_OVERHEAD). */
    static final int BATCH_OVERHEAD = 61;
    private static final int VARINT_MAX = 5;
    private static final int VARLONG_MAX = 10;
    /** Length, attributes, timestamp delta, offset delta, key length, value length, header count. */
    private static final int RECORD_OVERHEAD = VARINT_MAX + 1 + VARLONG_MAX + VARINT_MAX + VARINT_MAX + VARINT_MAX
            + VARINT_MAX;

    private RecordSizeBound() {
    }

    /** The bound for a record of {@code keyBytes} and {@code valueBytes} bytes with {@code headers}. */
    static int of(int keyBytes, int valueBytes, Header[] headers) {
        long size = (long) BATCH_OVERHEAD + RECORD_OVERHEAD + keyBytes + valueBytes;
        for (Header h : headers) {
            size += headerBytes(h);
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /** One header: key length, key (UTF-8), value length, value. */
    static int headerBytes(Header h) {
        return VARINT_MAX + h.key().getBytes(StandardCharsets.UTF_8).length + VARINT_MAX
                + (h.value() == null ? 0 : h.value().length);
    }
}

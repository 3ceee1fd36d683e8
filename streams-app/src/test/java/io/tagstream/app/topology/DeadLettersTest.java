package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.model.ModelFile;

/**
 * Dead letters fit: {@link RecordSizeBound} is never below the size of the batch Kafka itself builds for the record
 * (its own record writer as the reference), and a dead letter over the limit is cut to a prefix that fits, with the
 * original's size and SHA-256 in its headers.
 */
class DeadLettersTest {

    private static final int LIMIT = 100_000;

    @Test
    void theBoundHoldsForKafkasOwnBatchesAndIsTight() {
        Random random = new Random(17);
        for (int trial = 0; trial < 200; trial++) {
            byte[] key = bytes(random, random.nextInt(40));
            byte[] value = bytes(random, random.nextInt(trial < 100 ? 300 : 300_000));
            Header[] headers = new Header[random.nextInt(6)];
            for (int h = 0; h < headers.length; h++) {
                headers[h] = new RecordHeader("h" + random.nextInt(1_000), bytes(random, random.nextInt(500)));
            }
            long timestamp = random.nextLong() & Long.MAX_VALUE;
            int actual = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(timestamp, key, value, headers))
                    .sizeInBytes();
            int bound = RecordSizeBound.of(key.length, value.length, headers);
            assertTrue(bound >= actual, "bound " + bound + " below Kafka's " + actual);
            assertTrue(bound - actual <= 40 + 8 * headers.length, "bound " + bound + " loose against " + actual);
        }
    }

    @Test
    void aSmallRecordGoesWholeWithItsHeaders() {
        DeadLetters letters = new DeadLetters("dlq", LIMIT, new PipelineMetrics("m"));
        byte[] value = "abc".getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> letter = letters.of(failure("k", value, new RecordHeaders(
                new Header[] {new RecordHeader("trace", new byte[] {1})})), "bad");
        assertEquals("dlq", letter.topic());
        assertArrayEquals(value, letter.value());
        assertEquals("bad", text(letter.headers(), DeadLetters.HEADER_ERROR));
        assertEquals("in", text(letter.headers(), DeadLetters.HEADER_TOPIC));
        assertEquals("3", text(letter.headers(), DeadLetters.HEADER_PARTITION));
        assertEquals("42", text(letter.headers(), DeadLetters.HEADER_OFFSET));
        assertArrayEquals(new byte[] {1}, letter.headers().lastHeader("trace").value(), "original headers kept");
        assertNull(letter.headers().lastHeader(DeadLetters.HEADER_TRUNCATED));
    }

    @Test
    void aRecordThatWouldNotFitIsCutToAPrefixThatFits() {
        PipelineMetrics metrics = new PipelineMetrics("m");
        DeadLetters letters = new DeadLetters("dlq", LIMIT, metrics);
        byte[] value = bytes(new Random(3), LIMIT); // the value alone is the limit: with headers it cannot fit
        ProducerRecord<byte[], byte[]> letter = letters.of(failure("key", value, new RecordHeaders()),
                "x".repeat(10_000));
        int size = RecordSizeBound.of(3, letter.value().length, letter.headers().toArray());
        assertTrue(size <= LIMIT && size > LIMIT - 16, "fits, and uses the room: " + size);
        assertArrayEquals(Arrays.copyOf(value, letter.value().length), letter.value(), "a prefix of the original");
        assertEquals("true", text(letter.headers(), DeadLetters.HEADER_TRUNCATED));
        assertEquals(String.valueOf(LIMIT), text(letter.headers(), DeadLetters.HEADER_ORIGINAL_SIZE));
        assertEquals(ModelFile.sha256(value), text(letter.headers(), DeadLetters.HEADER_ORIGINAL_SHA256));
        assertEquals(DeadLetters.MAX_ERROR_CHARS, text(letter.headers(), DeadLetters.HEADER_ERROR).length(),
                "a long error is cut");
        assertEquals(1, metrics.deadLetterTruncatedCount());
        assertEquals(1, metrics.deadLetterCount());
    }

    @Test
    void originalHeadersThatCannotFitAreLeftOutAndCounted() {
        DeadLetters letters = new DeadLetters("dlq", LIMIT, new PipelineMetrics("m"));
        Headers huge = new RecordHeaders(new Header[] {new RecordHeader("a", new byte[LIMIT]),
            new RecordHeader("b", new byte[10])});
        ProducerRecord<byte[], byte[]> letter = letters.of(failure("k", new byte[50], huge), "bad");
        assertNull(letter.headers().lastHeader("a"));
        assertEquals("2", text(letter.headers(), DeadLetters.HEADER_HEADERS_DROPPED));
        assertEquals(50, letter.value().length, "the payload itself fits once the headers are gone");
        assertTrue(RecordSizeBound.of(1, letter.value().length, letter.headers().toArray()) <= LIMIT);
    }

    @Test
    void theSha256IsTheStandardOne() {
        // FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                ModelFile.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    private static String text(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The failure context Kafka Streams hands its exception handlers: the input record and where it came from. */
    private static ErrorHandlerContext failure(String key, byte[] value, Headers headers) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "in";
            }

            @Override
            public int partition() {
                return 3;
            }

            @Override
            public long offset() {
                return 42;
            }

            @Override
            public Headers headers() {
                return headers;
            }

            @Override
            public String processorNodeId() {
                return "node";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 3);
            }

            @Override
            public long timestamp() {
                return 1_000L;
            }

            @Override
            public byte[] sourceRawKey() {
                return key.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] sourceRawValue() {
                return value;
            }
        };
    }
}

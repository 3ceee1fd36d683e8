package io.tagstream.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds each decoder {@value #CASES} seeded random and mutated inputs. The only allowed outcomes are a valid record
 * or a {@link WireFormatException}; any other exception or error fails with the input that caused it. A decoded
 * binary record must re-encode to exactly its input bytes (the formats are canonical); a decoded JSON record must
 * round-trip. Every decode is metered: it may allocate only a bounded amount (see {@link #BINARY_ALLOWANCE}), so no
 * allocation is sized by a field before it is checked. Each run also has to reach a list of distinct rejection
 * reasons, so the mutations are shown to get past the first checks. The timeout only guards against a hang.
 */
class WireFuzzTest {

    private static final int CASES = 100_000;
    private static final int CORPUS_SIZE = 64;
    /**
     * Most a binary decode may allocate: 1 MiB plus 8 bytes per input byte (measured: about 20 KiB for PCM, 260 KiB
     * for features, the latter once for class loading). A count field believed before the length check would
     * allocate up to 7.7 MB (PCM) or 205 MB (features) from a few bytes of input.
     */
    private static final Allowance BINARY_ALLOWANCE = new Allowance(1 << 20, 8);
    /** Most a JSON decode may allocate: Jackson's buffers and tree (measured up to about 0.6 MiB) with headroom. */
    private static final Allowance JSON_ALLOWANCE = new Allowance(4 << 20, 64);

    private record Allowance(long bytes, int bytesPerInputByte) {
        long of(byte[] input) {
            return bytes + (long) bytesPerInputByte * input.length;
        }
    }

    @Test
    @Timeout(60)
    void pcmChunkDecoder(TestReporter reporter) {
        RandomWireRecords records = new RandomWireRecords(1_001L);
        List<byte[]> corpus = corpus(() -> PcmChunkCodec.encode(records.pcmChunk(24)), 400);
        corpus.add(FeatureChunkCodec.encode(records.featureChunk(1, 4)));
        ByteMutator mutator = new ByteMutator(records.random(), corpus);
        Outcome outcome = new Outcome(BINARY_ALLOWANCE, "truncated", "trailing bytes", "bad magic",
                "this is a feature chunk", "unsupported format version", "unknown flag bits", "stream id length is 0",
                "not valid UTF-8", "control character", "sample count", "sample rate", "first sample", "start time");
        fuzz(outcome, mutator::next, PcmChunkCodec::decode,
                (input, chunk) -> assertArrayEquals(input, PcmChunkCodec.encode(chunk), "re-encoding " + chunk));
        outcome.requireAllReasonsReached();
        reporter.publishEntry("pcm fuzz", outcome.toString());
    }

    @Test
    @Timeout(60)
    void featureChunkDecoder(TestReporter reporter) {
        RandomWireRecords records = new RandomWireRecords(2_002L);
        List<byte[]> corpus = corpus(() -> FeatureChunkCodec.encode(records.featureChunk(3, 6)), 500);
        corpus.add(PcmChunkCodec.encode(records.pcmChunk(8)));
        ByteMutator mutator = new ByteMutator(records.random(), corpus);
        Outcome outcome = new Outcome(BINARY_ALLOWANCE, "truncated", "trailing bytes", "bad magic",
                "this is a PCM chunk", "unsupported format version", "unknown flag bits", "not valid UTF-8",
                "invalid feature spec", "unknown feature kind code", "frame count", "not finite", "first frame",
                "start time");
        fuzz(outcome, mutator::next, FeatureChunkCodec::decode,
                (input, chunk) -> assertArrayEquals(input, FeatureChunkCodec.encode(chunk), "re-encoding " + chunk));
        outcome.requireAllReasonsReached();
        reporter.publishEntry("feature fuzz", outcome.toString());
    }

    @Test
    @Timeout(60)
    void labelJsonDecoder(TestReporter reporter) {
        RandomWireRecords records = new RandomWireRecords(3_003L);
        List<byte[]> corpus = corpus(() -> LabelJson.encode(records.labelRecord()), 700);
        JsonTokenMutator mutator = new JsonTokenMutator(records.random(), corpus);
        Outcome outcome = new Outcome(JSON_ALLOWANCE, "invalid JSON", "nesting depth", "unrepresentable number",
                "missing field", "must be an integer", "must be a string", "must be an object", "must be a number",
                "not one of the probability labels", "not in [0, 1]", "out of the 64-bit integer range",
                "expected a JSON object", "Duplicate field", "control character", "unpaired surrogate");
        fuzz(outcome, mutator::next, LabelJson::decodeLabel, (input, label) -> {
            byte[] encoded = LabelJson.encode(label);
            assertEquals(label, LabelJson.decodeLabel(encoded));
            assertArrayEquals(encoded, LabelJson.encode(LabelJson.decodeLabel(encoded)));
        });
        outcome.requireAllReasonsReached();
        reporter.publishEntry("label JSON fuzz", outcome.toString());
    }

    @Test
    @Timeout(60)
    void segmentJsonDecoder(TestReporter reporter) {
        RandomWireRecords records = new RandomWireRecords(4_004L);
        List<byte[]> corpus = corpus(() -> LabelJson.encode(records.segmentRecord()), 400);
        JsonTokenMutator mutator = new JsonTokenMutator(records.random(), corpus);
        Outcome outcome = new Outcome(JSON_ALLOWANCE, "invalid JSON", "missing field", "must be an integer",
                "must be a string", "must be a number", "not in [0, 1]", "out of the 64-bit integer range",
                "expected a JSON object",
                "Duplicate field", "before start_ms", "control character");
        fuzz(outcome, mutator::next, LabelJson::decodeSegment, (input, segment) -> {
            byte[] encoded = LabelJson.encode(segment);
            assertEquals(segment, LabelJson.decodeSegment(encoded));
            assertArrayEquals(encoded, LabelJson.encode(LabelJson.decodeSegment(encoded)));
        });
        outcome.requireAllReasonsReached();
        reporter.publishEntry("segment JSON fuzz", outcome.toString());
    }

    /** {@value #CORPUS_SIZE} valid encoded records of at most {@code maxBytes} bytes. */
    private static List<byte[]> corpus(Supplier<byte[]> records, int maxBytes) {
        List<byte[]> corpus = new ArrayList<>();
        for (int attempt = 0; corpus.size() < CORPUS_SIZE && attempt < 100 * CORPUS_SIZE; attempt++) {
            byte[] record = records.get();
            if (record.length <= maxBytes) {
                corpus.add(record);
            }
        }
        assertEquals(CORPUS_SIZE, corpus.size(), "corpus too small");
        return corpus;
    }

    private interface ValidCheck<T> {
        void check(byte[] input, T decoded);
    }

    private static <T> void fuzz(Outcome outcome, Supplier<byte[]> inputs, Function<byte[], T> decoder,
            ValidCheck<T> validCheck) {
        com.sun.management.ThreadMXBean meter = allocationMeter();
        for (int i = 0; i < CASES; i++) {
            byte[] input = inputs.get();
            T decoded = null;
            long allocatedBefore = meter.getCurrentThreadAllocatedBytes();
            try {
                decoded = decoder.apply(input);
            } catch (WireFormatException e) {
                outcome.rejected(e.getMessage());
            } catch (Throwable e) { // everything else is a decoder bug: report the input that caused it
                fail("case " + i + ": " + e + " for input " + hex(input), e);
            }
            outcome.allocated(meter.getCurrentThreadAllocatedBytes() - allocatedBefore, input);
            if (decoded != null) {
                validCheck.check(input, decoded);
                outcome.valid++;
            }
        }
    }

    /** The per-thread allocation counter of HotSpot; the fuzz tests need it to prove allocations stay bounded. */
    private static com.sun.management.ThreadMXBean allocationMeter() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assertTrue(threads instanceof com.sun.management.ThreadMXBean, "this JVM cannot count allocated bytes");
        com.sun.management.ThreadMXBean meter = (com.sun.management.ThreadMXBean) threads;
        assertTrue(meter.isThreadAllocatedMemorySupported() && meter.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off");
        return meter;
    }

    private static String hex(byte[] input) {
        String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 512));
        return input.length + " bytes: " + hex + (input.length > 512 ? "..." : "");
    }

    /** Counts of one fuzz run, and which of the expected rejection reasons it reached. */
    private static final class Outcome {
        private final Allowance allowance;
        private final List<String> reasons;
        private final Set<String> reached = new HashSet<>();
        private final Set<String> sampleMessages = new TreeSet<>();
        int valid;
        int rejected;
        long maxAllocated;

        Outcome(Allowance allowance, String... reasons) {
            this.allowance = allowance;
            this.reasons = List.of(reasons);
        }

        void rejected(String message) {
            rejected++;
            for (String reason : reasons) {
                if (!reached.contains(reason) && message.contains(reason)) {
                    reached.add(reason);
                }
            }
            if (sampleMessages.size() < 200) {
                sampleMessages.add(message);
            }
        }

        void allocated(long bytes, byte[] input) {
            maxAllocated = Math.max(maxAllocated, bytes);
            assertTrue(bytes <= allowance.of(input),
                    () -> "decoding allocated " + bytes + " bytes for input " + hex(input));
        }

        void requireAllReasonsReached() {
            assertEquals(CASES, valid + rejected);
            assertTrue(valid > 0, "no mutated input decoded as valid: " + this);
            for (String reason : reasons) {
                assertTrue(reached.contains(reason),
                        () -> "fuzzing never reached the check '" + reason + "'; some messages: " + sampleMessages);
            }
        }

        @Override
        public String toString() {
            return CASES + " inputs: " + valid + " valid, " + rejected + " rejected, max allocation " + maxAllocated
                    + " bytes, reasons reached: " + reached;
        }
    }
}

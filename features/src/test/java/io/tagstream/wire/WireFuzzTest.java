package io.tagstream.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
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
 * round-trip. Each run also has to reach a list of distinct rejection reasons, so the mutations are shown to get
 * past the first checks. The timeout only guards against a hang.
 */
class WireFuzzTest {

    private static final int CASES = 100_000;
    private static final int CORPUS_SIZE = 64;

    @Test
    @Timeout(60)
    void pcmChunkDecoder(TestReporter reporter) {
        RandomWireRecords records = new RandomWireRecords(1_001L);
        List<byte[]> corpus = corpus(() -> PcmChunkCodec.encode(records.pcmChunk(24)), 400);
        corpus.add(FeatureChunkCodec.encode(records.featureChunk(1, 4)));
        ByteMutator mutator = new ByteMutator(records.random(), corpus);
        Outcome outcome = fuzz(mutator::next, PcmChunkCodec::decode,
                (input, chunk) -> assertArrayEquals(input, PcmChunkCodec.encode(chunk), "re-encoding " + chunk));
        outcome.requireReasons("truncated", "trailing bytes", "bad magic", "this is a feature chunk",
                "unsupported format version", "unknown flag bits", "stream id length is 0", "not valid UTF-8",
                "sample count", "sample rate", "first sample", "start time");
        reporter.publishEntry("pcm fuzz", outcome.toString());
    }

    @Test
    @Timeout(60)
    void featureChunkDecoder(TestReporter reporter) {
        RandomWireRecords records = new RandomWireRecords(2_002L);
        List<byte[]> corpus = corpus(() -> FeatureChunkCodec.encode(records.featureChunk(3, 6)), 500);
        corpus.add(PcmChunkCodec.encode(records.pcmChunk(8)));
        ByteMutator mutator = new ByteMutator(records.random(), corpus);
        Outcome outcome = fuzz(mutator::next, FeatureChunkCodec::decode,
                (input, chunk) -> assertArrayEquals(input, FeatureChunkCodec.encode(chunk), "re-encoding " + chunk));
        outcome.requireReasons("truncated", "trailing bytes", "bad magic", "unsupported format version",
                "unknown flag bits", "not valid UTF-8", "invalid feature spec", "unknown feature kind code",
                "frame count", "not finite", "first frame", "start time");
        reporter.publishEntry("feature fuzz", outcome.toString());
    }

    @Test
    @Timeout(60)
    void labelJsonDecoder(TestReporter reporter) {
        RandomWireRecords records = new RandomWireRecords(3_003L);
        List<byte[]> corpus = corpus(() -> LabelJson.encode(records.labelRecord()), 700);
        JsonTokenMutator mutator = new JsonTokenMutator(records.random(), corpus);
        Outcome outcome = fuzz(mutator::next, LabelJson::decodeLabel, (input, label) -> {
            byte[] encoded = LabelJson.encode(label);
            assertEquals(label, LabelJson.decodeLabel(encoded));
            assertArrayEquals(encoded, LabelJson.encode(LabelJson.decodeLabel(encoded)));
        });
        outcome.requireReasons("invalid JSON", "missing field", "must be an integer", "must be a string",
                "must be an object", "must be a number", "not one of the probability labels", "not in [0, 1]",
                "out of the 64-bit integer range", "expected a JSON object", "Duplicate field", "control character",
                "unpaired surrogate");
        reporter.publishEntry("label JSON fuzz", outcome.toString());
    }

    @Test
    @Timeout(60)
    void segmentJsonDecoder(TestReporter reporter) {
        RandomWireRecords records = new RandomWireRecords(4_004L);
        List<byte[]> corpus = corpus(() -> LabelJson.encode(records.segmentRecord()), 400);
        JsonTokenMutator mutator = new JsonTokenMutator(records.random(), corpus);
        Outcome outcome = fuzz(mutator::next, LabelJson::decodeSegment, (input, segment) -> {
            byte[] encoded = LabelJson.encode(segment);
            assertEquals(segment, LabelJson.decodeSegment(encoded));
        });
        outcome.requireReasons("invalid JSON", "missing field", "must be an integer", "must be a string",
                "must be a number", "not in [0, 1]", "out of the 64-bit integer range", "Duplicate field",
                "before start_ms", "control character");
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

    private static <T> Outcome fuzz(Supplier<byte[]> inputs, Function<byte[], T> decoder, ValidCheck<T> validCheck) {
        Outcome outcome = new Outcome();
        for (int i = 0; i < CASES; i++) {
            byte[] input = inputs.get();
            T decoded;
            try {
                decoded = decoder.apply(input);
            } catch (WireFormatException e) {
                outcome.rejected(e.getMessage());
                continue;
            } catch (Throwable e) { // everything else is a decoder bug: report the input that caused it
                fail("case " + i + ": " + e + " for input " + hex(input), e);
                return outcome;
            }
            validCheck.check(input, decoded);
            outcome.valid++;
        }
        return outcome;
    }

    private static String hex(byte[] input) {
        String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 512));
        return input.length + " bytes: " + hex + (input.length > 512 ? "..." : "");
    }

    /** Counts of one fuzz run and the distinct rejection messages seen (kept small: first 40 chars). */
    private static final class Outcome {
        int valid;
        int rejected;
        final TreeSet<String> messages = new TreeSet<>();
        final List<String> samples = new ArrayList<>();

        void rejected(String message) {
            rejected++;
            if (messages.size() < 5_000) {
                messages.add(message);
            }
        }

        void requireReasons(String... reasons) {
            assertEquals(CASES, valid + rejected);
            assertTrue(valid > 0, "no mutated input decoded as valid: " + this);
            for (String reason : reasons) {
                assertTrue(messages.stream().anyMatch(m -> m.contains(reason)),
                        () -> "fuzzing never reached the check '" + reason + "'; reasons seen: " + summary());
            }
        }

        private String summary() {
            TreeSet<String> kinds = new TreeSet<>();
            for (String message : messages) {
                kinds.add(message.substring(0, Math.min(40, message.length())));
            }
            return kinds.toString();
        }

        @Override
        public String toString() {
            return CASES + " inputs: " + valid + " valid, " + rejected + " rejected, " + messages.size()
                    + " distinct messages";
        }
    }
}

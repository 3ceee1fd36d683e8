package io.tagstream.wire;

import static io.tagstream.wire.WireAssertions.allocatedBytes;
import static io.tagstream.wire.WireAssertions.assertInvalid;
import static io.tagstream.wire.WireAssertions.assertRejected;
import static io.tagstream.wire.WireAssertions.patched;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.features.FeatureSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PcmChunkCodecTest {

    /** The example of docs/wire-formats.md, assembled by hand from the byte table. */
    private static final byte[] GOLDEN = HexFormat.of().parseHex(""
            + "54534155"           // magic "TSAU"
            + "01"                 // version 1
            + "01"                 // flags: end of stream
            + "05" + "6d69632d31"  // stream id "mic-1"
            + "d204000000000000"   // first sample 1234
            + "0068e5cf8b010000"   // start time 1700000000000 ms
            + "803e0000"           // sample rate 16000
            + "04000000"           // 4 samples
            + "0100" + "feff" + "ff7f" + "0080"); // 1, -2, 32767, -32768
    static final PcmChunk GOLDEN_CHUNK = new PcmChunk("mic-1", 1234, 16_000, 1_700_000_000_000L,
            new short[] {1, -2, Short.MAX_VALUE, Short.MIN_VALUE}, true);
    // offsets in GOLDEN (stream id of 5 bytes)
    private static final int VERSION_AT = 4;
    private static final int FLAGS_AT = 5;
    private static final int ID_LENGTH_AT = 6;
    private static final int FIRST_SAMPLE_AT = 12;
    private static final int START_TIME_AT = 20;
    private static final int SAMPLE_RATE_AT = 28;
    private static final int COUNT_AT = 32;

    @Test
    void encodesTheDocumentedLayout() {
        assertArrayEquals(GOLDEN, PcmChunkCodec.encode(GOLDEN_CHUNK));
        assertEquals(GOLDEN_CHUNK, PcmChunkCodec.decode(GOLDEN));
    }

    @Test
    void randomChunksRoundTripAndEncodeCanonically() {
        RandomWireRecords records = new RandomWireRecords(20_240_601L);
        for (int i = 0; i < 5_000; i++) {
            PcmChunk chunk = records.pcmChunk(i % 10 == 0 ? 4_000 : 64);
            byte[] bytes = PcmChunkCodec.encode(chunk);
            int idBytes = chunk.streamId().getBytes(StandardCharsets.UTF_8).length;
            assertEquals(31 + idBytes + 2 * chunk.sampleCount(), bytes.length, "encoded size of " + chunk);
            PcmChunk decoded = PcmChunkCodec.decode(bytes);
            assertEquals(chunk, decoded);
            assertEquals(chunk.hashCode(), decoded.hashCode());
            assertArrayEquals(bytes, PcmChunkCodec.encode(decoded));
        }
    }

    @Test
    void edgeCasesRoundTrip() {
        String longestId = "é".repeat(127) + "x"; // 255 UTF-8 bytes
        PcmChunk[] edges = {
            new PcmChunk("s", 0, 16_000, 0, new short[0], true),                       // empty end-of-stream marker
            new PcmChunk(longestId, Long.MAX_VALUE, 384_000, Long.MAX_VALUE, new short[0], false),
            new PcmChunk("流-🎵-ü", Long.MAX_VALUE - 3, 1_000, 5, new short[] {-1, 0, 1}, true),
            new PcmChunk("max", 0, 384_000, 1, new short[PcmChunk.MAX_SAMPLES], false), // 10 s at 384 kHz
        };
        for (PcmChunk chunk : edges) {
            assertEquals(chunk, PcmChunkCodec.decode(PcmChunkCodec.encode(chunk)), chunk.toString());
        }
        assertEquals(31 + 1, PcmChunkCodec.encode(edges[0]).length);
    }

    @Test
    void recordIsImmutableAndComparesByContent() {
        short[] samples = {1, 2, 3};
        PcmChunk chunk = new PcmChunk("a", 0, 16_000, 0, samples, false);
        samples[0] = 99;
        chunk.samples()[1] = 99;
        assertArrayEquals(new short[] {1, 2, 3}, chunk.samples());
        assertEquals(new PcmChunk("a", 0, 16_000, 0, new short[] {1, 2, 3}, false), chunk);
        assertNotEquals(new PcmChunk("a", 0, 16_000, 0, new short[] {1, 2, 4}, false), chunk);
        assertEquals(3, chunk.endSample());
        assertTrue(chunk.toString().contains("samples=short[3]"), chunk.toString());
    }

    @Test
    void recordRejectsInvalidFields() {
        short[] none = new short[0];
        assertInvalid(() -> new PcmChunk("", 0, 16_000, 0, none, true), "stream id must not be empty");
        assertInvalid(() -> new PcmChunk(null, 0, 16_000, 0, none, true), "stream id is required");
        assertInvalid(() -> new PcmChunk("a\nb", 0, 16_000, 0, none, true), "control character U+000A");
        assertInvalid(() -> new PcmChunk("x".repeat(256), 0, 16_000, 0, none, true), "256 bytes", "at most 255");
        assertInvalid(() -> new PcmChunk("bad\uD800", 0, 16_000, 0, none, true), "unpaired surrogate");
        assertInvalid(() -> new PcmChunk("a", -1, 16_000, 0, none, true), "first sample must be >= 0");
        assertInvalid(() -> new PcmChunk("a", 0, 999, 0, none, true), "sample rate", "999");
        assertInvalid(() -> new PcmChunk("a", 0, 384_001, 0, none, true), "sample rate", "384001");
        assertInvalid(() -> new PcmChunk("a", 0, 16_000, -5, none, true), "start time", "-5");
        assertInvalid(() -> new PcmChunk("a", 0, 16_000, 0, null, true), "samples are required");
        assertInvalid(() -> new PcmChunk("a", 0, 16_000, 0, new short[PcmChunk.MAX_SAMPLES + 1], true),
                "3840001 samples");
        assertInvalid(() -> new PcmChunk("a", Long.MAX_VALUE, 16_000, 0, new short[1], true), "overflows");
    }

    @Test
    void everyTruncationIsRejectedAsTruncated() {
        for (int length = 0; length < GOLDEN.length; length++) {
            byte[] prefix = Arrays.copyOf(GOLDEN, length);
            assertRejected(() -> PcmChunkCodec.decode(prefix), "PCM chunk: ", "truncated");
        }
    }

    @Test
    void rejectsWrongMagicAndNamesTheOtherFormat() {
        byte[] wrong = GOLDEN.clone();
        wrong[0] = 'X';
        assertRejected(() -> PcmChunkCodec.decode(wrong), "bad magic 58 53 41 55", "expected 'TSAU'");
        FeatureSpec spec = FeatureSpec.DEFAULT;
        byte[] features = FeatureChunkCodec.encode(new FeatureChunk("a", 0, spec, 0, 0, new float[0], true));
        assertRejected(() -> PcmChunkCodec.decode(features), "this is a feature chunk, not a PCM chunk");
        assertRejected(() -> PcmChunkCodec.decode(null), "null record");
    }

    @Test
    void rejectsUnknownVersionNamingIt() {
        for (int version : new int[] {0, 2, 255}) {
            assertRejected(() -> PcmChunkCodec.decode(patched(GOLDEN, VERSION_AT, version, 1)),
                    "unsupported format version " + version, "reads version 1");
        }
    }

    @Test
    void rejectsUnknownFlagBits() {
        assertRejected(() -> PcmChunkCodec.decode(patched(GOLDEN, FLAGS_AT, 0x02, 1)), "unknown flag bits 0x02");
        assertRejected(() -> PcmChunkCodec.decode(patched(GOLDEN, FLAGS_AT, 0x81, 1)), "unknown flag bits 0x80");
        assertEquals(false, PcmChunkCodec.decode(patched(GOLDEN, FLAGS_AT, 0x00, 1)).endOfStream());
    }

    @Test
    void rejectsBadStreamIds() {
        assertRejected(() -> PcmChunkCodec.decode(patched(GOLDEN, ID_LENGTH_AT, 0, 1)), "stream id length is 0");
        byte[] invalidUtf8 = patched(GOLDEN, ID_LENGTH_AT + 1, 0x28C3, 2);     // C3 28: lead byte without continuation
        assertRejected(() -> PcmChunkCodec.decode(invalidUtf8), "stream id is not valid UTF-8");
        byte[] overlong = patched(GOLDEN, ID_LENGTH_AT + 1, 0xAFC0, 2);        // C0 AF: overlong '/'
        assertRejected(() -> PcmChunkCodec.decode(overlong), "stream id is not valid UTF-8");
        byte[] surrogate = patched(GOLDEN, ID_LENGTH_AT + 1, 0x80A0ED, 3);     // ED A0 80: encoded U+D800
        assertRejected(() -> PcmChunkCodec.decode(surrogate), "stream id is not valid UTF-8");
        byte[] control = patched(GOLDEN, ID_LENGTH_AT + 3, 0x0A, 1);
        assertRejected(() -> PcmChunkCodec.decode(control), "stream id", "control character U+000A");
    }

    @Test
    void rejectsCountsOutOfRange() {
        for (int count : new int[] {-1, Integer.MIN_VALUE, PcmChunk.MAX_SAMPLES + 1, Integer.MAX_VALUE}) {
            assertRejected(() -> PcmChunkCodec.decode(patched(GOLDEN, COUNT_AT, count, 4)),
                    "sample count " + count + " is outside 0..3840000");
        }
    }

    @Test
    void rejectsCountsThatDisagreeWithTheLength() {
        assertRejected(() -> PcmChunkCodec.decode(patched(GOLDEN, COUNT_AT, 5, 4)),
                "truncated: header declares 5 samples (46 bytes in total), record has only 44 bytes");
        assertRejected(() -> PcmChunkCodec.decode(patched(GOLDEN, COUNT_AT, 3, 4)),
                "trailing bytes: header declares 3 samples (42 bytes in total), record has 44 bytes");
        byte[] appended = Arrays.copyOf(GOLDEN, GOLDEN.length + 1);
        assertRejected(() -> PcmChunkCodec.decode(appended), "trailing bytes");
        byte[] longerId = patched(GOLDEN, ID_LENGTH_AT, 6, 1); // id swallows the first byte (D2) of the next field
        assertRejected(() -> PcmChunkCodec.decode(longerId), "PCM chunk: stream id is not valid UTF-8");
    }

    @Test
    void rejectsInvalidFieldValues() {
        assertRejected(() -> PcmChunkCodec.decode(patched(GOLDEN, SAMPLE_RATE_AT, 0, 4)), "sample rate", "got 0");
        assertRejected(() -> PcmChunkCodec.decode(patched(GOLDEN, SAMPLE_RATE_AT, 384_001, 4)), "got 384001");
        assertRejected(() -> PcmChunkCodec.decode(patched(GOLDEN, FIRST_SAMPLE_AT, -1, 8)),
                "first sample must be >= 0, got -1");
        assertRejected(() -> PcmChunkCodec.decode(patched(GOLDEN, FIRST_SAMPLE_AT, Long.MAX_VALUE, 8)),
                "overflows the sequence number");
        assertRejected(() -> PcmChunkCodec.decode(patched(GOLDEN, START_TIME_AT, -7, 8)), "start time", "got -7");
    }

    @Test
    void lyingCountAllocatesNothingSizedByIt() {
        byte[] claimsMax = Arrays.copyOf(patched(GOLDEN, COUNT_AT, PcmChunk.MAX_SAMPLES, 4), COUNT_AT + 4);
        assertRejected(() -> PcmChunkCodec.decode(claimsMax), "declares 3840000 samples");
        PcmChunkCodec.decode(GOLDEN); // warm up
        long allocated = allocatedBytes(() -> assertRejected(() -> PcmChunkCodec.decode(claimsMax), "truncated"));
        assertTrue(allocated < 64 * 1024, "decoding a 40-byte lie allocated " + allocated + " bytes");
    }
}

package io.tagstream.wire;

import static io.tagstream.wire.WireAssertions.allocatedBytes;
import static io.tagstream.wire.WireAssertions.assertInvalid;
import static io.tagstream.wire.WireAssertions.assertRejected;
import static io.tagstream.wire.WireAssertions.patched;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FeatureChunkCodecTest {

    private static final FeatureSpec SMALL_MFCC = new FeatureSpec(8_000, 256, 80, 4, 2, FeatureKind.MFCC, 50.0, 3_800.0);
    /** The example of docs/wire-formats.md, assembled by hand from the byte table. */
    private static final byte[] GOLDEN = HexFormat.of().parseHex(""
            + "54534645"           // magic "TSFE"
            + "01"                 // version 1
            + "00"                 // flags: none
            + "01" + "73"          // stream id "s"
            + "0700000000000000"   // first frame 7
            + "0068e5cf8b010000"   // start time 1700000000000 ms
            + "401f0000"           // sample rate 8000
            + "00010000"           // window 256 samples
            + "50000000"           // hop 80 samples
            + "04000000"           // 4 mel bands
            + "02000000"           // 2 coefficients
            + "01"                 // kind 1 = MFCC
            + "0000000000004940"   // min frequency 50.0
            + "0000000000b0ad40"   // max frequency 3800.0
            + "02000000"           // 2 frames (x 2 dims)
            + "0000803f" + "000000bf" + "00000000" + "00002040"); // [1.0, -0.5], [0.0, 2.5]
    static final FeatureChunk GOLDEN_CHUNK = new FeatureChunk("s", 7, SMALL_MFCC, 1_700_000_000_000L, 2,
            new float[] {1.0f, -0.5f, 0.0f, 2.5f}, false);
    // offsets in GOLDEN (stream id of 1 byte)
    private static final int VERSION_AT = 4;
    private static final int FIRST_FRAME_AT = 8;
    private static final int SAMPLE_RATE_AT = 24;
    private static final int WINDOW_AT = 28;
    private static final int HOP_AT = 32;
    private static final int MEL_BANDS_AT = 36;
    private static final int COEFFICIENTS_AT = 40;
    private static final int KIND_AT = 44;
    private static final int MIN_FREQUENCY_AT = 45;
    private static final int MAX_FREQUENCY_AT = 53;
    private static final int COUNT_AT = 61;
    private static final int BODY_AT = 65;

    @Test
    void aChunkOfRowsIsTheRowMajorChunk() {
        FeatureChunk ofRows = FeatureChunk.ofRows("s", 7, SMALL_MFCC, 1_700_000_000_000L,
                new float[][] {{1.0f, -0.5f}, {0.0f, 2.5f}}, false);
        assertEquals(GOLDEN_CHUNK, ofRows);
        assertArrayEquals(GOLDEN, FeatureChunkCodec.encode(ofRows));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class, () -> FeatureChunk.ofRows("s",
                7, SMALL_MFCC, 0, new float[][] {{1.0f, -0.5f}, {0.0f}}, false));
        assertEquals("frame 1 has 1 values, expected 2", ragged.getMessage());
    }

    @Test
    void encodesTheDocumentedLayout() {
        assertArrayEquals(GOLDEN, FeatureChunkCodec.encode(GOLDEN_CHUNK));
        assertEquals(GOLDEN_CHUNK, FeatureChunkCodec.decode(GOLDEN));
    }

    @Test
    void randomChunksRoundTripAndEncodeCanonically() {
        RandomWireRecords records = new RandomWireRecords(77_001L);
        for (int i = 0; i < 3_000; i++) {
            FeatureChunk chunk = records.featureChunk(i % 10 == 0 ? 50 : 5, i % 7 == 0 ? 512 : 48);
            byte[] bytes = FeatureChunkCodec.encode(chunk);
            int idBytes = chunk.streamId().getBytes(StandardCharsets.UTF_8).length;
            assertEquals(BODY_AT - 1 + idBytes + 4 * chunk.count() * chunk.dims(), bytes.length, "size of " + chunk);
            FeatureChunk decoded = FeatureChunkCodec.decode(bytes);
            assertEquals(chunk, decoded);
            assertEquals(chunk.hashCode(), decoded.hashCode());
            assertArrayEquals(bytes, FeatureChunkCodec.encode(decoded));
        }
    }

    @Test
    void edgeCasesRoundTrip() {
        FeatureSpec widest = new FeatureSpec(384_000, 65_536, 65_536, 512, 0, FeatureKind.LOG_MEL, 0.0, 192_000.0);
        FeatureChunk[] edges = {
            new FeatureChunk("s", 0, FeatureSpec.DEFAULT, 0, 0, new float[0], true), // empty end-of-stream marker
            new FeatureChunk("ü".repeat(127) + "x", Long.MAX_VALUE, FeatureSpec.DEFAULT, Long.MAX_VALUE, 0,
                    new float[0], false),
            new FeatureChunk("🎵", 3, widest, 9, 200, filled(200 * 512, -0.0f), true),
            new FeatureChunk("many", Long.MAX_VALUE - FeatureChunk.MAX_FRAMES,
                    new FeatureSpec(1_000, 16, 1, 1, 0, FeatureKind.LOG_MEL, 0.0, 500.0), 0,
                    FeatureChunk.MAX_FRAMES, filled(FeatureChunk.MAX_FRAMES, Float.MAX_VALUE), false),
            new FeatureChunk("tiny", 1, FeatureSpec.DEFAULT, 2, 1, filled(40, Float.MIN_VALUE), false),
        };
        for (FeatureChunk chunk : edges) {
            assertEquals(chunk, FeatureChunkCodec.decode(FeatureChunkCodec.encode(chunk)), chunk.toString());
        }
        assertEquals(BODY_AT, FeatureChunkCodec.encode(edges[0]).length);
    }

    @Test
    void recordIsImmutableAndExposesRows() {
        float[] values = {1, 2, 3, 4};
        FeatureChunk chunk = new FeatureChunk("a", 10, SMALL_MFCC, 0, 2, values, false);
        values[0] = 99;
        chunk.values()[1] = 99;
        chunk.frame(0)[0] = 99;
        assertArrayEquals(new float[] {1, 2, 3, 4}, chunk.values());
        assertArrayEquals(new float[] {3, 4}, chunk.frame(1));
        assertEquals(4f, chunk.value(1, 1));
        assertEquals(12, chunk.endFrame());
        assertThrows(IndexOutOfBoundsException.class, () -> chunk.frame(2));
        assertNotEquals(new FeatureChunk("a", 10, SMALL_MFCC, 0, 2, new float[] {1, 2, 3, -4}, false), chunk);
        assertNotEquals(new FeatureChunk("a", 10, SMALL_MFCC, 0, 2, new float[] {-0.0f, 2, 3, 4}, false),
                new FeatureChunk("a", 10, SMALL_MFCC, 0, 2, new float[] {0.0f, 2, 3, 4}, false));
        assertTrue(chunk.toString().contains("values=float[4]"), chunk.toString());
    }

    @Test
    void recordRejectsInvalidFields() {
        FeatureSpec spec = SMALL_MFCC;
        assertInvalid(() -> new FeatureChunk("a", -1, spec, 0, 0, new float[0], true), "first frame must be >= 0");
        assertInvalid(() -> new FeatureChunk("a", 0, null, 0, 0, new float[0], true), "feature spec is required");
        assertInvalid(() -> new FeatureChunk("a", 0, spec, -1, 0, new float[0], true), "start time");
        assertInvalid(() -> new FeatureChunk("a", 0, spec, 0, 1, new float[3], true),
                "values has 3 floats, expected 1 frames x 2 dims = 2");
        assertInvalid(() -> new FeatureChunk("a", 0, spec, 0, -1, new float[0], true), "frame count must be 0..100000");
        assertInvalid(() -> new FeatureChunk("a", 0, spec, 0, 0, null, true), "values are required");
        assertInvalid(() -> new FeatureChunk("a", Long.MAX_VALUE, spec, 0, 1, new float[2], true), "overflows");
        assertInvalid(() -> new FeatureChunk("a", 5, spec, 0, 2, new float[] {0, 0, Float.NaN, 0}, true),
                "value at frame 1 of the chunk (stream frame 6), dim 0 is NaN");
    }

    @Test
    void everyTruncationIsRejectedAsTruncated() {
        for (int length = 0; length < GOLDEN.length; length++) {
            byte[] prefix = Arrays.copyOf(GOLDEN, length);
            assertRejected(() -> FeatureChunkCodec.decode(prefix), "feature chunk: ", "truncated");
        }
    }

    @Test
    void rejectsWrongMagicAndUnknownVersion() {
        byte[] pcm = PcmChunkCodec.encode(new PcmChunk("a", 0, 16_000, 0, new short[0], true));
        assertRejected(() -> FeatureChunkCodec.decode(pcm), "this is a PCM chunk, not a feature chunk");
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, 0, 0x31415354, 4)), "bad magic 54 53 41 31");
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, VERSION_AT, 9, 1)),
                "feature chunk: unsupported format version 9 (this build reads version 1)");
        assertRejected(() -> FeatureChunkCodec.decode(null), "null record");
    }

    @Test
    void rejectsAnInvalidFeatureSpec() {
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, KIND_AT, 2, 1)),
                "unknown feature kind code 2 (0 = LOG_MEL, 1 = MFCC)");
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, HOP_AT, 257, 4)),
                "invalid feature spec: hop must be 1..256 samples");
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, WINDOW_AT, Integer.MAX_VALUE, 4)),
                "invalid feature spec: window must be 16..65536 samples, got 2147483647");
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, SAMPLE_RATE_AT, 0, 4)),
                "invalid feature spec: sample rate");
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, COEFFICIENTS_AT, 5, 4)),
                "invalid feature spec: MFCC coefficients must be 1..4");
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, MIN_FREQUENCY_AT,
                Double.doubleToLongBits(Double.NaN), 8)), "invalid feature spec: frequency range", "NaN");
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, MAX_FREQUENCY_AT,
                Double.doubleToLongBits(Double.POSITIVE_INFINITY), 8)), "invalid feature spec", "Nyquist");
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, KIND_AT, 0, 1)),
                "invalid feature spec: log-mel features take no cepstral coefficients, got 2");
    }

    @Test
    void rejectsAbsurdDimsBeforeLookingAtTheBody() {
        byte[] logMel = patched(patched(GOLDEN, KIND_AT, 0, 1), COEFFICIENTS_AT, 0, 4);
        for (int melBands : new int[] {513, 4_097, Integer.MAX_VALUE, -1}) {
            assertRejected(() -> FeatureChunkCodec.decode(patched(logMel, MEL_BANDS_AT, melBands, 4)),
                    "invalid feature spec: mel bands must be 1..512, got " + melBands);
        }
    }

    @Test
    void rejectsCountsOutOfRangeOrDisagreeingWithTheLength() {
        for (int count : new int[] {-1, FeatureChunk.MAX_FRAMES + 1, Integer.MAX_VALUE}) {
            assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, COUNT_AT, count, 4)),
                    "frame count " + count + " is outside 0..100000");
        }
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, COUNT_AT, 3, 4)),
                "truncated: header declares 3 frames x 2 dims (89 bytes in total), record has only 81 bytes");
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, COUNT_AT, 1, 4)),
                "trailing bytes: header declares 1 frames x 2 dims (73 bytes in total), record has 81 bytes");
        byte[] moreBands = patched(GOLDEN, MEL_BANDS_AT, 5, 4); // still valid spec; dims stay 2 (MFCC)
        assertEquals(5, FeatureChunkCodec.decode(moreBands).spec().melBands());
        byte[] moreDims = patched(GOLDEN, COEFFICIENTS_AT, 3, 4); // 3 dims: body of 16 bytes is not 2 x 3 floats
        assertRejected(() -> FeatureChunkCodec.decode(moreDims), "declares 2 frames x 3 dims");
    }

    @Test
    void rejectsNonFiniteValuesNamingFrameAndDim() {
        byte[] nan = patched(GOLDEN, BODY_AT + 8, Float.floatToRawIntBits(Float.NaN), 4);
        assertRejected(() -> FeatureChunkCodec.decode(nan),
                "feature chunk: value at frame 1 of the chunk (stream frame 8), dim 0 is NaN, not finite");
        byte[] infinity = patched(GOLDEN, BODY_AT + 4, Float.floatToRawIntBits(Float.NEGATIVE_INFINITY), 4);
        assertRejected(() -> FeatureChunkCodec.decode(infinity), "frame 0 of the chunk (stream frame 7), dim 1 is -Infinity");
        byte[] signallingNan = patched(GOLDEN, BODY_AT + 12, 0x7f800001, 4);
        assertRejected(() -> FeatureChunkCodec.decode(signallingNan), "frame 1", "dim 1 is NaN");
    }

    @Test
    void rejectsBadFirstFrame() {
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, FIRST_FRAME_AT, -3, 8)),
                "first frame must be >= 0, got -3");
        assertRejected(() -> FeatureChunkCodec.decode(patched(GOLDEN, FIRST_FRAME_AT, Long.MAX_VALUE - 1, 8)),
                "overflows the sequence number");
    }

    @Test
    void lyingCountAllocatesNothingSizedByIt() {
        byte[] widest = patched(patched(patched(GOLDEN, KIND_AT, 0, 1), COEFFICIENTS_AT, 0, 4), MEL_BANDS_AT, 512, 4);
        byte[] wideRate = patched(patched(widest, SAMPLE_RATE_AT, 384_000, 4), WINDOW_AT, 4_096, 4);
        byte[] claimsMax = Arrays.copyOf(patched(wideRate, COUNT_AT, FeatureChunk.MAX_FRAMES, 4), BODY_AT);
        assertRejected(() -> FeatureChunkCodec.decode(claimsMax), "declares 100000 frames x 512 dims");
        long allocated = allocatedBytes(() -> assertRejected(() -> FeatureChunkCodec.decode(claimsMax), "truncated"));
        assertTrue(allocated < 64 * 1024, "decoding a 65-byte lie allocated " + allocated + " bytes");
    }

    private static float[] filled(int length, float value) {
        float[] values = new float[length];
        Arrays.fill(values, value);
        return values;
    }
}

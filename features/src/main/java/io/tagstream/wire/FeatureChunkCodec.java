package io.tagstream.wire;

import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Binary form of a {@link FeatureChunk}, format "TSFE" version 1, all fields little-endian:
 * <pre>
 * preamble (magic "TSFE", version 1, flags, stream id)  see {@link ChunkPreamble}
 * int64 firstFrame | int64 startTimeMs
 * int32 sampleRate | int32 windowSamples | int32 hopSamples | int32 melBands | int32 coefficients | u8 kind
 * float64 minFrequency | float64 maxFrequency
 * int32 frameCount | float32[frameCount * spec.dims()] values (row-major)
 * </pre>
 * The byte table is in docs/wire-formats.md. Encoding is canonical: every record that decodes re-encodes to the
 * same bytes.
 */
public final class FeatureChunkCodec {

    /** The format's magic, ASCII. */
    public static final String MAGIC = "TSFE";
    /** The format version this build writes and reads. */
    public static final int VERSION = 1;

    private static final ChunkPreamble.Format FORMAT = ChunkPreamble.Format.FEATURES;
    private static final int FIELDS_AFTER_PREAMBLE = 8 + 8 + 5 * 4 + 1 + 8 + 8 + 4;
    /** Wire codes of {@link FeatureKind}, by code; fixed by the format, independent of the enum's declaration order. */
    private static final FeatureKind[] KIND_BY_CODE = {FeatureKind.LOG_MEL, FeatureKind.MFCC};

    private FeatureChunkCodec() {
    }

    public static byte[] encode(FeatureChunk chunk) {
        byte[] streamId = WireName.utf8(chunk.streamId());
        float[] values = chunk.valuesView();
        FeatureSpec spec = chunk.spec();
        int headerSize = ChunkPreamble.size(streamId.length) + FIELDS_AFTER_PREAMBLE;
        ByteBuffer out = ByteBuffer.allocate(headerSize + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        new ChunkPreamble(chunk.streamId(), chunk.endOfStream()).write(out, FORMAT, streamId);
        out.putLong(chunk.firstFrame())
                .putLong(chunk.startTimeMs())
                .putInt(spec.sampleRate())
                .putInt(spec.windowSamples())
                .putInt(spec.hopSamples())
                .putInt(spec.melBands())
                .putInt(spec.coefficients())
                .put((byte) kindCode(spec.kind()))
                .putDouble(spec.minFrequency())
                .putDouble(spec.maxFrequency())
                .putInt(chunk.count());
        out.asFloatBuffer().put(values);
        return out.array();
    }

    /**
     * @throws WireFormatException naming the problem: wrong magic, unknown version or flags, bad stream id, invalid
     *                             feature spec, counts out of range, length disagreeing with the header, a value that
     *                             is NaN or infinite (naming its frame and dim)
     */
    public static FeatureChunk decode(byte[] bytes) {
        WireReader in = new WireReader(bytes, FORMAT.displayName);
        ChunkPreamble preamble = ChunkPreamble.read(in, FORMAT);
        long firstFrame = in.i64("first frame");
        long startTimeMs = in.i64("start time");
        FeatureSpec spec = readSpec(in);
        int count = in.i32("frame count");
        if (count < 0 || count > FeatureChunk.MAX_FRAMES) {
            throw in.error("frame count " + count + " is outside 0.." + FeatureChunk.MAX_FRAMES);
        }
        int dims = spec.dims();
        in.requireExactBody(4L * count * dims, count + " frames x " + dims + " dims");
        float[] values = in.float32Body(count * dims);
        try {
            return new FeatureChunk(preamble.streamId(), firstFrame, spec, startTimeMs, count, values,
                    preamble.endOfStream());
        } catch (IllegalArgumentException e) {
            throw in.error(e.getMessage());
        }
    }

    private static FeatureSpec readSpec(WireReader in) {
        int sampleRate = in.i32("sample rate");
        int windowSamples = in.i32("window samples");
        int hopSamples = in.i32("hop samples");
        int melBands = in.i32("mel bands");
        int coefficients = in.i32("coefficients");
        int kindCode = in.u8("feature kind");
        if (kindCode >= KIND_BY_CODE.length) {
            throw in.error("unknown feature kind code " + kindCode + " (0 = LOG_MEL, 1 = MFCC)");
        }
        double minFrequency = in.f64("min frequency");
        double maxFrequency = in.f64("max frequency");
        try {
            return new FeatureSpec(sampleRate, windowSamples, hopSamples, melBands, coefficients,
                    KIND_BY_CODE[kindCode], minFrequency, maxFrequency);
        } catch (IllegalArgumentException e) {
            throw in.error(e.getMessage());
        }
    }

    private static int kindCode(FeatureKind kind) {
        for (int code = 0; code < KIND_BY_CODE.length; code++) {
            if (KIND_BY_CODE[code] == kind) {
                return code;
            }
        }
        throw new IllegalStateException("feature kind " + kind + " has no wire code");
    }
}

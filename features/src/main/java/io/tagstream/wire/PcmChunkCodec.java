package io.tagstream.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Binary form of a {@link PcmChunk}, format "TSAU" version 1, all fields little-endian:
 * <pre>
 * preamble (magic "TSAU", version 1, flags, stream id)  see {@link ChunkPreamble}
 * int64 firstSample | int64 startTimeMs | int32 sampleRate | int32 sampleCount | int16[sampleCount] samples
 * </pre>
 * The byte table is in docs/wire-formats.md. Encoding is canonical: every record that decodes re-encodes to the
 * same bytes.
 */
public final class PcmChunkCodec {

    /** The format's magic, ASCII. */
    public static final String MAGIC = "TSAU";
    /** The format version this build writes and reads. */
    public static final int VERSION = 1;

    private static final ChunkPreamble.Format FORMAT = ChunkPreamble.Format.PCM;
    private static final int FIELDS_AFTER_PREAMBLE = 8 + 8 + 4 + 4;

    private PcmChunkCodec() {
    }

    public static byte[] encode(PcmChunk chunk) {
        byte[] streamId = WireName.utf8(chunk.streamId());
        short[] samples = chunk.samplesView();
        int headerSize = ChunkPreamble.size(streamId.length) + FIELDS_AFTER_PREAMBLE;
        ByteBuffer out = ByteBuffer.allocate(headerSize + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        new ChunkPreamble(chunk.streamId(), chunk.endOfStream()).write(out, FORMAT, streamId);
        out.putLong(chunk.firstSample())
                .putLong(chunk.startTimeMs())
                .putInt(chunk.sampleRate())
                .putInt(samples.length);
        out.asShortBuffer().put(samples);
        return out.array();
    }

    /**
     * @throws WireFormatException naming the problem: wrong magic, unknown version or flags, bad stream id,
     *                             counts out of range, length disagreeing with the header, invalid field values
     */
    public static PcmChunk decode(byte[] bytes) {
        WireReader in = new WireReader(bytes, FORMAT.displayName);
        ChunkPreamble preamble = ChunkPreamble.read(in, FORMAT);
        long firstSample = in.i64("first sample");
        long startTimeMs = in.i64("start time");
        int sampleRate = in.i32("sample rate");
        int count = in.i32("sample count");
        if (count < 0 || count > PcmChunk.MAX_SAMPLES) {
            throw in.error("sample count " + count + " is outside 0.." + PcmChunk.MAX_SAMPLES + " (10 s at 384 kHz)");
        }
        in.requireExactBody(2L * count, count + " samples");
        short[] samples = in.int16Body(count);
        try {
            return new PcmChunk(preamble.streamId(), firstSample, sampleRate, startTimeMs, samples,
                    preamble.endOfStream());
        } catch (IllegalArgumentException e) {
            throw in.error(e.getMessage());
        }
    }
}

package io.tagstream.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first fields shared by both binary chunk formats: magic (4 ASCII bytes), format version (u8), flags (u8,
 * bit 0 = end of stream, other bits must be 0), stream id length (u8, 1..255) and the stream id (UTF-8).
 * See docs/wire-formats.md.
 *
 * @param streamId    the stream the chunk belongs to
 * @param endOfStream flag bit 0
 */
record ChunkPreamble(String streamId, boolean endOfStream) {

    static final int FLAG_END_OF_STREAM = 0x01;

    /** Which binary format a preamble introduces. */
    enum Format {
        PCM("PCM chunk", "TSAU", 1),
        FEATURES("feature chunk", "TSFE", 1);

        final String displayName;
        final byte[] magic;
        final int version;

        Format(String displayName, String magic, int version) {
            this.displayName = displayName;
            this.magic = magic.getBytes(StandardCharsets.US_ASCII);
            this.version = version;
        }
    }

    /** Size in bytes of the preamble for a stream id of {@code streamIdUtf8Length} bytes. */
    static int size(int streamIdUtf8Length) {
        return 4 + 1 + 1 + 1 + streamIdUtf8Length;
    }

    void write(ByteBuffer out, Format format, byte[] streamIdUtf8) {
        out.put(format.magic)
                .put((byte) format.version)
                .put((byte) (endOfStream ? FLAG_END_OF_STREAM : 0))
                .put((byte) streamIdUtf8.length)
                .put(streamIdUtf8);
    }

    static ChunkPreamble read(WireReader in, Format format) {
        byte[] magic = in.bytes(4, "magic");
        if (!Arrays.equals(magic, format.magic)) {
            throw in.error(describeWrongMagic(magic, format));
        }
        int version = in.u8("format version");
        if (version != format.version) {
            throw in.error("unsupported format version " + version
                    + " (this build reads version " + format.version + ")");
        }
        int flags = in.u8("flags");
        if ((flags & ~FLAG_END_OF_STREAM) != 0) {
            throw in.error(String.format("unknown flag bits 0x%02X (only bit 0, end of stream, is defined)",
                    flags & ~FLAG_END_OF_STREAM));
        }
        int idLength = in.u8("stream id length");
        if (idLength == 0) {
            throw in.error("stream id length is 0 (must be 1.." + WireName.MAX_UTF8_BYTES + ")");
        }
        String streamId = in.utf8(idLength, "stream id");
        try {
            WireName.require("stream id", streamId);
        } catch (IllegalArgumentException e) {
            throw in.error(e.getMessage());
        }
        return new ChunkPreamble(streamId, (flags & FLAG_END_OF_STREAM) != 0);
    }

    private static String describeWrongMagic(byte[] magic, Format expected) {
        for (Format other : Format.values()) {
            if (other != expected && Arrays.equals(magic, other.magic)) {
                return "this is a " + other.displayName + ", not a " + expected.displayName;
            }
        }
        return String.format("bad magic %02X %02X %02X %02X (expected '%s')", magic[0], magic[1], magic[2], magic[3],
                new String(expected.magic, StandardCharsets.US_ASCII));
    }
}

package io.tagstream.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked little-endian reading of one binary record. Every read names its field, so running out of bytes
 * gives a message like {@code "PCM chunk: truncated: sample rate needs 4 bytes at offset 19, 2 left"}. Nothing is
 * allocated with a size read from the record before {@link #requireExactBody} has compared it with the bytes present.
 */
final class WireReader {

    private final ByteBuffer buffer; // little-endian view of the whole record; position = next unread byte
    private final String format;

    WireReader(byte[] record, String format) {
        if (record == null) {
            throw new WireFormatException(format + ": no bytes (null record)");
        }
        this.buffer = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        this.format = format;
    }

    /** A {@link WireFormatException} for this record: "{format}: {problem}". */
    WireFormatException error(String problem) {
        return new WireFormatException(format + ": " + problem);
    }

    int u8(String field) {
        need(1, field);
        return buffer.get() & 0xFF;
    }

    int i32(String field) {
        need(4, field);
        return buffer.getInt();
    }

    long i64(String field) {
        need(8, field);
        return buffer.getLong();
    }

    double f64(String field) {
        need(8, field);
        return buffer.getDouble();
    }

    byte[] bytes(int length, String field) {
        need(length, field);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    /** {@code length} bytes of strict UTF-8 (malformed, overlong or surrogate encodings are errors). */
    String utf8(int length, String field) {
        need(length, field);
        ByteBuffer slice = buffer.slice();
        slice.limit(length);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice);
            buffer.position(buffer.position() + length);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw error(field + " is not valid UTF-8 (at offset " + buffer.position() + ")");
        }
    }

    /**
     * Checks that exactly {@code bodyBytes} bytes follow the header: fewer is a truncated record, more is trailing
     * garbage; either way the header's count field and the record's length disagree.
     *
     * @param declared what the header declared, for the message ("160 samples")
     */
    void requireExactBody(long bodyBytes, String declared) {
        int left = buffer.remaining();
        long total = buffer.position() + bodyBytes;
        if (left < bodyBytes) {
            throw error("truncated: header declares " + declared + " (" + total + " bytes in total), record has only "
                    + buffer.limit() + " bytes");
        }
        if (left > bodyBytes) {
            throw error("trailing bytes: header declares " + declared + " (" + total + " bytes in total), record has "
                    + buffer.limit() + " bytes");
        }
    }

    /** The remaining bytes as little-endian int16; call {@link #requireExactBody} first. */
    short[] int16Body(int count) {
        short[] values = new short[count];
        buffer.asShortBuffer().get(values);
        buffer.position(buffer.limit());
        return values;
    }

    /** The remaining bytes as little-endian float32; call {@link #requireExactBody} first. */
    float[] float32Body(int count) {
        float[] values = new float[count];
        buffer.asFloatBuffer().get(values);
        buffer.position(buffer.limit());
        return values;
    }

    private void need(int length, String field) {
        if (buffer.remaining() < length) {
            throw error("truncated: " + field + " needs " + length + " bytes at offset " + buffer.position() + ", "
                    + buffer.remaining() + " left");
        }
    }
}

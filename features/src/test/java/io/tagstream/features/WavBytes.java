package io.tagstream.features;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte for the decoder tests, including broken ones. */
final class WavBytes {

    static final int PCM = 1;
    static final int FLOAT = 3;

    private WavBytes() {
    }

    /** "RIFF" + size + "WAVE" + the chunks. */
    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        return concat("RIFF".getBytes(StandardCharsets.US_ASCII), le32(body.size()), body.toByteArray());
    }

    /** A well-formed chunk: id, size, body, pad byte when the size is odd. */
    static byte[] chunk(String id, byte[] body) {
        byte[] pad = new byte[body.length % 2];
        return concat(id.getBytes(StandardCharsets.US_ASCII), le32(body.length), body, pad);
    }

    /** A chunk whose size field says {@code declared}, whatever the body holds (no padding). */
    static byte[] lyingChunk(String id, long declared, byte[] body) {
        return concat(id.getBytes(StandardCharsets.US_ASCII), le32(declared), body);
    }

    /** A 16-byte fmt chunk body with consistent byte rate and block align. */
    static byte[] fmt(int tag, int channels, int rate, int bits) {
        return fmt(tag, channels, rate, bits, channels * bits / 8);
    }

    static byte[] fmt(int tag, int channels, int rate, int bits, int blockAlign) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits).array();
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt body whose sub-format GUID carries {@code subTag}. */
    static byte[] fmtExtensible(int subTag, int channels, int rate, int containerBits, int validBits) {
        int blockAlign = channels * containerBits / 8;
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) containerBits)
                .putShort((short) 22).putShort((short) validBits).putInt(channels == 2 ? 3 : 4)
                .putShort((short) subTag);
        b.put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
            (byte) 0x9B, 0x71});
        return b.array();
    }

    static byte[] pcm16(int... samples) {
        ByteBuffer b = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : samples) {
            b.putShort((short) s);
        }
        return b.array();
    }

    static byte[] pcm24(int... samples) {
        byte[] out = new byte[3 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[3 * i] = (byte) samples[i];
            out[3 * i + 1] = (byte) (samples[i] >> 8);
            out[3 * i + 2] = (byte) (samples[i] >> 16);
        }
        return out;
    }

    static byte[] pcm32(int... samples) {
        ByteBuffer b = ByteBuffer.allocate(4 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : samples) {
            b.putInt(s);
        }
        return b.array();
    }

    static byte[] unsigned8(int... samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (byte) samples[i];
        }
        return out;
    }

    static byte[] float32(float... samples) {
        ByteBuffer b = ByteBuffer.allocate(4 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            b.putFloat(s);
        }
        return b.array();
    }

    static byte[] float64(double... samples) {
        ByteBuffer b = ByteBuffer.allocate(8 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double s : samples) {
            b.putDouble(s);
        }
        return b.array();
    }

    /** 16-bit mono PCM of {@code x} (full scale 32767). */
    static byte[] pcm16Of(float[] x) {
        int[] codes = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            codes[i] = Math.round(x[i] * 32_767f);
        }
        return pcm16(codes);
    }

    static byte[] le32(long value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

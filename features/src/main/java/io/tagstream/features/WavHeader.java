package io.tagstream.features;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The validated content of a WAV file's {@code fmt } chunk.
 *
 * @param format     sample encoding
 * @param channels   interleaved channels, at least 1
 * @param sampleRate samples per second per channel, 1..{@link #MAX_SAMPLE_RATE}
 */
record WavHeader(WavSampleFormat format, int channels, int sampleRate) {

    static final int MAX_SAMPLE_RATE = 768_000;
    private static final int TAG_PCM = 0x0001;
    private static final int TAG_FLOAT = 0x0003;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID derived from a format tag (…-0000-0010-8000-00AA00389B71). */
    private static final byte[] GUID_SUFFIX = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    /** Bytes of one sample frame (all channels). */
    int blockAlign() {
        return channels * format.bytes;
    }

    /** "2 channels x 16-bit PCM". */
    String layout() {
        return layout(channels, format);
    }

    private static String layout(int channels, WavSampleFormat format) {
        return channels + (channels == 1 ? " channel x " : " channels x ") + format.description;
    }

    /** Parses and validates a {@code fmt } chunk's body. */
    static WavHeader parse(byte[] fmt, String fileName) throws AudioFileException {
        if (fmt.length < 16) {
            throw new AudioFileException(fileName, "fmt chunk has " + fmt.length + " bytes, needs at least 16");
        }
        ByteBuffer b = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
        int tag = Short.toUnsignedInt(b.getShort(0));
        int channels = Short.toUnsignedInt(b.getShort(2));
        long sampleRate = Integer.toUnsignedLong(b.getInt(4));
        int blockAlign = Short.toUnsignedInt(b.getShort(12));
        int bits = Short.toUnsignedInt(b.getShort(14));
        if (tag == TAG_EXTENSIBLE) {
            tag = extensibleSubFormat(fmt, fileName);
        }
        WavSampleFormat format = sampleFormat(tag, bits, fileName);
        if (channels == 0) {
            throw new AudioFileException(fileName, "fmt chunk declares zero channels");
        }
        if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
            throw new AudioFileException(fileName,
                    "sample rate " + sampleRate + " Hz is outside 1.." + MAX_SAMPLE_RATE + " Hz");
        }
        WavHeader header = new WavHeader(format, channels, (int) sampleRate);
        if (blockAlign != header.blockAlign()) {
            throw new AudioFileException(fileName, "block align " + blockAlign + " does not match "
                    + header.layout() + " (expected " + header.blockAlign() + ")");
        }
        return header;
    }

    /** The format tag inside WAVE_FORMAT_EXTENSIBLE's sub-format GUID. */
    private static int extensibleSubFormat(byte[] fmt, String fileName) throws AudioFileException {
        if (fmt.length < 40) {
            throw new AudioFileException(fileName,
                    "extensible fmt chunk has " + fmt.length + " bytes, needs at least 40");
        }
        if (!Arrays.equals(fmt, 26, 40, GUID_SUFFIX, 0, GUID_SUFFIX.length)) {
            throw new AudioFileException(fileName, "unsupported extensible sub-format GUID (not a PCM/float GUID)");
        }
        return (fmt[24] & 0xFF) | (fmt[25] & 0xFF) << 8;
    }

    private static WavSampleFormat sampleFormat(int tag, int bits, String fileName) throws AudioFileException {
        return switch (tag) {
            case TAG_PCM -> switch (bits) {
                case 8 -> WavSampleFormat.PCM_U8;
                case 16 -> WavSampleFormat.PCM_S16;
                case 24 -> WavSampleFormat.PCM_S24;
                case 32 -> WavSampleFormat.PCM_S32;
                default -> throw new AudioFileException(fileName,
                        "unsupported PCM bit depth " + bits + " (supported: 8, 16, 24, 32)");
            };
            case TAG_FLOAT -> switch (bits) {
                case 32 -> WavSampleFormat.FLOAT_32;
                case 64 -> WavSampleFormat.FLOAT_64;
                default -> throw new AudioFileException(fileName,
                        "unsupported float bit depth " + bits + " (supported: 32, 64)");
            };
            default -> throw new AudioFileException(fileName, "unsupported encoding " + encodingName(tag)
                    + "; supported: PCM 8/16/24/32-bit, IEEE float 32/64-bit");
        };
    }

    private static String encodingName(int tag) {
        String name = switch (tag) {
            case 0x0002 -> "Microsoft ADPCM ";
            case 0x0006 -> "A-law ";
            case 0x0007 -> "mu-law ";
            case 0x0011 -> "IMA ADPCM ";
            case 0x0050 -> "MPEG ";
            case 0x0055 -> "MPEG layer 3 ";
            default -> "";
        };
        return name + String.format("(format tag 0x%04X)", tag);
    }
}

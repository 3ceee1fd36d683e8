package io.tagstream.features;

/**
 * The sample encodings a WAV file may use, each decoding one little-endian sample to a double. Integer PCM is scaled
 * so that its largest positive code is 1.0 (the {@link Pcm16} convention, so a 16-bit WAV reaches the wire unchanged);
 * the most negative code then lies just below -1 and is clipped by the decoder.
 */
enum WavSampleFormat {
    PCM_U8(1, "8-bit PCM") {
        @Override
        double decode(byte[] b, int at) {
            return ((b[at] & 0xFF) - 128) / 127.0;
        }
    },
    PCM_S16(2, "16-bit PCM") {
        @Override
        double decode(byte[] b, int at) {
            return (short) ((b[at] & 0xFF) | b[at + 1] << 8) / 32_767.0;
        }
    },
    PCM_S24(3, "24-bit PCM") {
        @Override
        double decode(byte[] b, int at) {
            return ((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | b[at + 2] << 16) / 8_388_607.0;
        }
    },
    PCM_S32(4, "32-bit PCM") {
        @Override
        double decode(byte[] b, int at) {
            return int32(b, at) / 2_147_483_647.0;
        }
    },
    FLOAT_32(4, "32-bit float") {
        @Override
        double decode(byte[] b, int at) {
            return Float.intBitsToFloat(int32(b, at));
        }
    },
    FLOAT_64(8, "64-bit float") {
        @Override
        double decode(byte[] b, int at) {
            long low = int32(b, at) & 0xFFFF_FFFFL;
            long high = int32(b, at + 4);
            return Double.longBitsToDouble(high << 32 | low);
        }
    };

    /** Bytes per sample of one channel. */
    final int bytes;
    /** How users know it, e.g. "16-bit PCM". */
    final String description;

    WavSampleFormat(int bytes, String description) {
        this.bytes = bytes;
        this.description = description;
    }

    /** The sample whose first byte is {@code b[at]}, full scale 1.0 (floats as stored, unscaled). */
    abstract double decode(byte[] b, int at);

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | b[at + 3] << 24;
    }
}

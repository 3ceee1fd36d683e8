package io.tagstream.features;

/**
 * 16-bit PCM, the wire format of audio: full scale 1.0 maps to 32767. {@code toFloat(quantize(x))} is within half a
 * step (1/65534) of {@code x} for x in [-1, 1], and {@code quantize(toFloat(s)) == s} for every short.
 */
public final class Pcm16 {

    /** The code of full scale, +1.0. */
    public static final int FULL_SCALE = 32_767;

    private Pcm16() {
    }

    /**
     * {@code round(x * 32767)} clamped to [-32768, 32767]; ties round up ({@link Math#round(float)}); NaN becomes 0.
     */
    public static short[] quantize(float[] x) {
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            int code = Math.round(x[i] * FULL_SCALE);
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, code));
        }
        return out;
    }

    /** {@code s / 32767f}: 32767 becomes 1.0, -32768 becomes -1.0000305 (just below -1). */
    public static float[] toFloat(short[] s) {
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] / (float) FULL_SCALE;
        }
        return out;
    }
}

package io.tagstream.corpus;

/** Raised-cosine fades, so sounds start and stop without clicks (a click would be a cue of its own). */
final class Envelope {

    private Envelope() {
    }

    /** A copy of {@code x} faded in over {@code in} and out over {@code out} samples (each clamped to the length). */
    static float[] faded(float[] x, int in, int out) {
        float[] y = x.clone();
        int fadeIn = Math.min(Math.max(in, 0), y.length);
        int fadeOut = Math.min(Math.max(out, 0), y.length);
        for (int i = 0; i < fadeIn; i++) {
            y[i] *= (float) rise(i, fadeIn);
        }
        for (int i = 0; i < fadeOut; i++) {
            y[y.length - 1 - i] *= (float) rise(i, fadeOut);
        }
        return y;
    }

    /** 0.5 - 0.5 cos(pi (i + 0.5) / n): strictly between 0 and 1, rising. */
    private static double rise(int i, int n) {
        return 0.5 - 0.5 * Math.cos(Math.PI * (i + 0.5) / n);
    }
}

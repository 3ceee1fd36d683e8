package io.tagstream.features;

import java.util.Random;

/** Seeded test signals. */
final class Signals {

    private Signals() {
    }

    /** amplitude * sin(2 pi f n / rate + phase), n = 0..length-1. */
    static float[] sine(double hz, double amplitude, double phase, int rate, int length) {
        float[] x = new float[length];
        for (int n = 0; n < length; n++) {
            x[n] = (float) (amplitude * Math.sin(2.0 * Math.PI * hz * n / rate + phase));
        }
        return x;
    }

    /** Gaussian noise with standard deviation {@code sigma}, clipped to [-1, 1]. */
    static float[] noise(Random random, double sigma, int length) {
        float[] x = new float[length];
        for (int n = 0; n < length; n++) {
            x[n] = (float) Math.max(-1.0, Math.min(1.0, sigma * random.nextGaussian()));
        }
        return x;
    }

    /** Element-wise a + b. */
    static float[] plus(float[] a, float[] b) {
        float[] x = new float[a.length];
        for (int n = 0; n < a.length; n++) {
            x[n] = a[n] + b[n];
        }
        return x;
    }
}

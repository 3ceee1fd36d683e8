package io.tagstream.corpus;

import java.util.Random;

/** Raw noise signals from a seeded {@link Random}, at {@link Sox#RATE} Hz, RMS about 0.1 before any scaling. */
final class NoiseSignals {

    private NoiseSignals() {
    }

    /** Gaussian white noise. */
    static float[] white(int n, Random r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.1 * r.nextGaussian());
        }
        return x;
    }

    /** Pink (1/f) noise: Paul Kellet's economy filter on white noise (+-0.05 dB from 9.2 Hz to Nyquist at 44.1 kHz). */
    static float[] pink(int n, Random r) {
        float[] x = new float[n];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < n; i++) {
            double w = r.nextGaussian();
            b0 = 0.99765 * b0 + w * 0.0990460;
            b1 = 0.96300 * b1 + w * 0.2965164;
            b2 = 0.57000 * b2 + w * 1.0526913;
            x[i] = (float) (0.03 * (b0 + b1 + b2 + w * 0.1848));
        }
        return x;
    }

    /** Brown (1/f^2) noise: leaky integral of white noise (pole 0.995, below 15 Hz it stays flat). */
    static float[] brown(int n, Random r) {
        float[] x = new float[n];
        double y = 0;
        for (int i = 0; i < n; i++) {
            y = 0.995 * y + r.nextGaussian();
            x[i] = (float) (0.01 * y);
        }
        return x;
    }

    /** Mains hum at {@code fundamentalHz} with the first eight harmonics at random amplitudes and phases. */
    static float[] hum(int n, double fundamentalHz, Random r) {
        int harmonics = 8;
        double[] amplitude = new double[harmonics];
        double[] phase = new double[harmonics];
        for (int h = 0; h < harmonics; h++) {
            amplitude[h] = 0.1 * Math.pow(r.nextDouble(), 1 + h * 0.3);
            phase[h] = 2 * Math.PI * r.nextDouble();
        }
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / Sox.RATE;
            double v = 0;
            for (int h = 0; h < harmonics; h++) {
                v += amplitude[h] * Math.sin(2 * Math.PI * fundamentalHz * (h + 1) * t + phase[h]);
            }
            x[i] = (float) v;
        }
        return x;
    }

    /** Clicks at {@code perSecond} on average (Poisson): each a decaying random burst of 0.5..3 ms. */
    static float[] crackle(int n, double perSecond, Random r) {
        float[] x = new float[n];
        double meanGap = Sox.RATE / perSecond;
        for (long at = (long) (-Math.log(1 - r.nextDouble()) * meanGap); at < n;
                at += 1 + (long) (-Math.log(1 - r.nextDouble()) * meanGap)) {
            double amplitude = 0.6 * Math.pow(r.nextDouble(), 2) * (r.nextBoolean() ? 1 : -1);
            int length = 8 + r.nextInt(41);
            for (int i = 0; i < length && at + i < n; i++) {
                x[(int) (at + i)] += (float) (amplitude * Math.exp(-4.0 * i / length) * (0.5 + r.nextDouble()));
            }
        }
        return x;
    }

    /** {@code a + gain * b}, element-wise, over the shorter length. */
    static float[] plus(float[] a, float[] b, double gain) {
        float[] y = a.clone();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            y[i] += (float) (gain * b[i]);
        }
        return y;
    }
}

package io.tagstream.corpus;

import java.util.Random;

/** Gain curves for noises, one value per sample at {@link Sox#RATE} Hz, from a seeded {@link Random}. */
final class NoiseEnvelopes {

    private NoiseEnvelopes() {
    }

    /**
     * A wandering gain: starting at 1, every {@code stepSeconds} a new target uniform in 0.2..1.8, approached by a
     * one-pole smoother with time constant {@code smoothingSeconds} (gusts, passing traffic, a crowd's swell).
     */
    static double[] wandering(int n, double stepSeconds, double smoothingSeconds, Random r) {
        double[] gain = new double[n];
        int step = Math.max(1, (int) Math.round(stepSeconds * Sox.RATE));
        double g = 1;
        double target = 1;
        for (int i = 0; i < n; i++) {
            if (i % step == 0) {
                target = 0.2 + 1.6 * r.nextDouble();
            }
            g += (target - g) / (smoothingSeconds * Sox.RATE);
            gain[i] = g;
        }
        return gain;
    }

    /**
     * A periodic gate (machinery, a pump, a ticking fan): {@code 1 - depth * (0.5 + 0.5 cos(2 pi (rate t + phase)))},
     * so the gain swings between 1 and {@code 1 - depth}.
     */
    static double[] pulsing(int n, double rateHz, double depth, double phase) {
        double[] gain = new double[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / Sox.RATE;
            gain[i] = 1 - depth * (0.5 + 0.5 * Math.cos(2 * Math.PI * (rateHz * t + phase)));
        }
        return gain;
    }

    /**
     * Bursts: the gain is 1 or 0 for stretches of uniform length in {@code minSeconds..maxSeconds}, starting on
     * (a drill, a hair dryer, a tap turned on and off), with 5 ms raised-cosine ramps between so no edge clicks.
     */
    static double[] bursting(int n, double minSeconds, double maxSeconds, Random r) {
        double[] gain = new double[n];
        int ramp = Sox.RATE / 200;
        boolean on = true;
        int at = 0;
        while (at < n) {
            int length = (int) ((minSeconds + (maxSeconds - minSeconds) * r.nextDouble()) * Sox.RATE);
            for (int i = 0; i < length && at + i < n; i++) {
                double edge = Math.min(1, (i + 0.5) / ramp);
                double rising = 0.5 - 0.5 * Math.cos(Math.PI * edge);
                gain[at + i] = on ? rising : 1 - rising;
            }
            at += length;
            on = !on;
        }
        return gain;
    }

    /** Multiplies {@code x} by {@code gain}, sample by sample, in place (over the shorter length). */
    static void apply(float[] x, double[] gain) {
        for (int i = 0; i < Math.min(x.length, gain.length); i++) {
            x[i] *= (float) gain[i];
        }
    }
}

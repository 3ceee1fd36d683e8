package io.tagstream.features;

/**
 * Band-limited sample-rate conversion by a Kaiser-windowed sinc, deterministic (plain double arithmetic, no
 * randomness, no threads): the same input always gives the same output, bit for bit.
 *
 * <p>Output sample {@code n} is the input interpolated at input time {@code t = n * from / to} (exact rational
 * arithmetic for the position), so the output is time-aligned with the input and has
 * {@code ceil(length * to / from)} samples. Samples outside the input count as 0.
 *
 * <p>Kernel, in input samples: {@code h(t) = 2fc sinc(2fc t) kaiser(t / halfWidth)} with cutoff
 * {@code fc = 0.95 * min(from, to) / 2} (as a fraction of the input rate), {@link #ZERO_CROSSINGS} sinc zero
 * crossings on each side, Kaiser beta {@link #KAISER_BETA} (stopband about -90 dB), the taps of each fractional
 * position normalised to sum 1 so that a constant stays exactly constant. The -6 dB point is at 0.95 of the lower
 * rate's Nyquist frequency, with the transition band from about 0.87 to 1.04 of it. Measured: a sine up to 0.85 of
 * that Nyquist frequency comes out within 2e-5 of the ideal sine at the new rate (amplitude and phase; ResamplerTest
 * asserts 1e-4), and tones from 1.05 times it, which would alias, are attenuated by more than 90 dB. Cost: about {@code 2 * ZERO_CROSSINGS / ROLLOFF * max(1, from / to)}
 * multiply-adds per output sample (about 190 for 44.1 kHz to 16 kHz), plus one kernel evaluation per tap of each of the
 * {@code to / gcd(from, to)} fractional positions, tabulated on first use.
 */
public final class Resampler {

    /** Sinc zero crossings on each side of the kernel centre. */
    public static final int ZERO_CROSSINGS = 32;
    /** Kaiser window shape parameter. */
    public static final double KAISER_BETA = 9.0;
    /** Cutoff as a fraction of the lower Nyquist frequency. */
    public static final double ROLLOFF = 0.95;
    private static final int MAX_TABLE_ENTRIES = 1 << 22;
    private static final double I0_OF_BETA = besselI0(KAISER_BETA);

    private Resampler() {
    }

    /**
     * @param pcm      samples at {@code fromRate}
     * @param fromRate input rate, Hz, at least 1
     * @param toRate   output rate, Hz, at least 1
     * @return a new array at {@code toRate}; a copy of {@code pcm} when the rates are equal
     */
    public static float[] resample(float[] pcm, int fromRate, int toRate) {
        if (fromRate < 1 || toRate < 1) {
            throw new IllegalArgumentException("sample rates must be at least 1 Hz, got " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate) {
            return pcm.clone();
        }
        Kernel kernel = Kernel.of(fromRate, toRate);
        long outLength = kernel.outputLength(pcm.length);
        if (outLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled length " + outLength + " is too large for one array");
        }
        float[] out = new float[(int) outLength];
        for (int n = 0; n < out.length; n++) {
            out[n] = kernel.sample(n, pcm, 0, pcm.length);
        }
        return out;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for x <= 20). */
    private static double besselI0(double x) {
        double sum = 1.0;
        double term = 1.0;
        double quarterX2 = x * x / 4.0;
        for (int k = 1; k < 50 && term > 1e-17 * sum; k++) {
            term *= quarterX2 / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int r = a % b;
            a = b;
            b = r;
        }
        return a;
    }

    /**
     * The windowed-sinc taps for each of the {@code up} fractional positions {@code phase / up}, and the one
     * definition of an output sample that the whole-array path and {@link StreamingResampler} share.
     */
    static final class Kernel {
        final int halfTaps;   // K: taps cover input samples base - K .. base + K
        final int tapCount;   // 2K + 1
        private final double twoFc;
        private final double halfWidth;
        private final int up;
        private final int down;
        private final double[][] table; // [up][2K + 1] filled on first use, or null when too large (then per sample)
        private final double[] scratch; // [2K + 1] taps of one position when there is no table

        private Kernel(double twoFc, int up, int down) {
            this.twoFc = twoFc;
            this.up = up;
            this.down = down;
            this.halfWidth = ZERO_CROSSINGS / twoFc;
            this.halfTaps = (int) Math.ceil(halfWidth) + 1;
            this.tapCount = 2 * halfTaps + 1;
            this.table = (long) up * tapCount <= MAX_TABLE_ENTRIES ? new double[up][] : null;
            this.scratch = new double[tapCount];
        }

        /** The kernel converting {@code fromRate} to {@code toRate} (different rates, both at least 1 Hz). */
        static Kernel of(int fromRate, int toRate) {
            int gcd = gcd(fromRate, toRate);
            double twoFc = ROLLOFF * Math.min(1.0, (double) toRate / fromRate); // cutoff, cycles per input sample, x2
            return new Kernel(twoFc, toRate / gcd, fromRate / gcd); // output step = down / up input samples
        }

        /** Output samples of an input of {@code inputLength} samples: {@code ceil(inputLength * up / down)}. */
        long outputLength(long inputLength) {
            return (inputLength * up + down - 1) / down;
        }

        /** One past the last input sample that output sample {@code n} reads: {@code base(n) + K + 1}. */
        long inputEnd(long n) {
            return n * down / up + halfTaps + 1;
        }

        /** The first input sample that output sample {@code n} reads: {@code base(n) - K} (may be negative). */
        long inputStart(long n) {
            return n * down / up - halfTaps;
        }

        /**
         * Output sample {@code n}: {@code sum_j x[first + j] * taps[j]} over the input samples that exist, where
         * {@code x} holds input samples {@code [xStart, xStart + xCount)} and every input sample before
         * {@code xStart} that the sum reads is before 0 (so samples outside the input count as 0).
         */
        float sample(long n, float[] x, long xStart, int xCount) {
            long position = n * down;
            long first = position / up - halfTaps;
            double[] taps = taps((int) (position % up), scratch);
            int jFrom = (int) Math.max(0, -first);
            int jTo = (int) Math.min(taps.length, xStart + xCount - first);
            double sum = 0.0;
            for (int j = jFrom; j < jTo; j++) {
                sum += x[(int) (first + j - xStart)] * taps[j];
            }
            return (float) sum;
        }

        /** Taps for fractional position phase / up: from the table, or computed into {@code scratch}. */
        private double[] taps(int phase, double[] scratch) {
            if (table == null) {
                return fill(phase, scratch);
            }
            if (table[phase] == null) {
                table[phase] = fill(phase, new double[tapCount]);
            }
            return table[phase];
        }

        /** taps[j] = h(frac - (j - K)), normalised to sum 1. */
        private double[] fill(int phase, double[] taps) {
            double frac = (double) phase / up;
            double sum = 0.0;
            for (int j = 0; j < taps.length; j++) {
                taps[j] = h(frac - (j - halfTaps));
                sum += taps[j];
            }
            for (int j = 0; j < taps.length; j++) {
                taps[j] /= sum;
            }
            return taps;
        }

        private double h(double t) {
            if (Math.abs(t) >= halfWidth) {
                return 0.0;
            }
            double x = twoFc * t;
            double sinc = x == 0.0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
            double r = t / halfWidth;
            return twoFc * sinc * besselI0(KAISER_BETA * Math.sqrt(1.0 - r * r)) / I0_OF_BETA;
        }
    }
}

package io.tagstream.features;

/**
 * The test oracle: the feature recipe written straight from its formulas in double precision, sharing no code with
 * the production classes. O(N^2) DFT, dense mel filter matrix, direct DCT-II.
 */
final class ReferenceFeatures {

    static final double FLOOR = 1e-10;

    private ReferenceFeatures() {
    }

    /** Symmetric Hann: w[n] = 0.5 - 0.5 cos(2 pi n / (N - 1)). */
    static double[] hann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / (n - 1));
        }
        return w;
    }

    /** |X_k|^2 for k = 0..N/2 of the Hann-windowed window zero-padded to N = fftSize, by the DFT definition. */
    static double[] powerSpectrum(float[] window, int fftSize) {
        double[] w = hann(window.length);
        double[] x = new double[fftSize];
        for (int i = 0; i < window.length; i++) {
            x[i] = window[i] * w[i];
        }
        double[] cos = new double[fftSize];
        double[] sin = new double[fftSize];
        for (int i = 0; i < fftSize; i++) {
            cos[i] = Math.cos(2.0 * Math.PI * i / fftSize);
            sin[i] = Math.sin(2.0 * Math.PI * i / fftSize);
        }
        double[] power = new double[fftSize / 2 + 1];
        for (int k = 0; k < power.length; k++) {
            double re = 0;
            double im = 0;
            for (int n = 0; n < fftSize; n++) {
                int angle = (int) ((long) k * n % fftSize); // exact reduction of k*n/N
                re += x[n] * cos[angle];
                im -= x[n] * sin[angle];
            }
            power[k] = re * re + im * im;
        }
        return power;
    }

    /**
     * Dense filter matrix [bands][N/2 + 1]: M + 2 points equally spaced in mel = 2595 log10(1 + f/700) from fmin to
     * fmax; filter m's weight at frequency f is the triangle through (p[m], 0), (p[m+1], 1), (p[m+2], 0).
     */
    static double[][] melFilters(FeatureSpec spec) {
        int bands = spec.melBands();
        double melLow = 2595.0 * Math.log10(1.0 + spec.minFrequency() / 700.0);
        double melHigh = 2595.0 * Math.log10(1.0 + spec.maxFrequency() / 700.0);
        double[] points = new double[bands + 2];
        for (int j = 0; j < points.length; j++) {
            double mel = melLow + (melHigh - melLow) * j / (bands + 1);
            points[j] = 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
        }
        double[][] filters = new double[bands][spec.fftSize() / 2 + 1];
        for (int m = 0; m < bands; m++) {
            for (int k = 0; k < filters[m].length; k++) {
                double f = (double) k * spec.sampleRate() / spec.fftSize();
                if (f > points[m] && f <= points[m + 1]) {
                    filters[m][k] = (f - points[m]) / (points[m + 1] - points[m]);
                } else if (f > points[m + 1] && f < points[m + 2]) {
                    filters[m][k] = (points[m + 2] - f) / (points[m + 2] - points[m + 1]);
                }
            }
        }
        return filters;
    }

    /** Centre (peak) frequency of each filter, Hz. */
    static double[] centres(FeatureSpec spec) {
        int bands = spec.melBands();
        double melLow = 2595.0 * Math.log10(1.0 + spec.minFrequency() / 700.0);
        double melHigh = 2595.0 * Math.log10(1.0 + spec.maxFrequency() / 700.0);
        double[] centres = new double[bands];
        for (int m = 0; m < bands; m++) {
            centres[m] = 700.0 * (Math.pow(10.0, (melLow + (melHigh - melLow) * (m + 1) / (bands + 1)) / 2595.0) - 1.0);
        }
        return centres;
    }

    static double[] melEnergies(FeatureSpec spec, float[] window) {
        double[] power = powerSpectrum(window, spec.fftSize());
        double[][] filters = melFilters(spec);
        double[] energies = new double[filters.length];
        for (int m = 0; m < filters.length; m++) {
            for (int k = 0; k < power.length; k++) {
                energies[m] += filters[m][k] * power[k];
            }
        }
        return energies;
    }

    static double[] logMel(double[] energies) {
        double[] logs = new double[energies.length];
        for (int m = 0; m < logs.length; m++) {
            logs[m] = Math.log(energies[m] + FLOOR);
        }
        return logs;
    }

    /** DCT-II, unnormalised: c_n = sum_k x_k cos(pi n (k + 1/2) / K), n = 0..count-1. */
    static double[] dct2(double[] x, int count) {
        double[] c = new double[count];
        for (int n = 0; n < count; n++) {
            for (int k = 0; k < x.length; k++) {
                c[n] += x[k] * Math.cos(Math.PI * n * (k + 0.5) / x.length);
            }
        }
        return c;
    }

    /** The feature vector the spec asks for. */
    static double[] features(FeatureSpec spec, float[] window) {
        double[] logMel = logMel(melEnergies(spec, window));
        return spec.kind() == FeatureKind.MFCC ? dct2(logMel, spec.coefficients()) : logMel;
    }
}

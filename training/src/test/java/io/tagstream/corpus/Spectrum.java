package io.tagstream.corpus;

/** Test oracle: Welch power spectral density with a plain radix-2 FFT (Hann windows, half overlap). */
final class Spectrum {

    private Spectrum() {
    }

    /** Mean power per bin of {@code x} over windows of {@code n} (a power of two); bin k is k * rate / n Hz. */
    static double[] welch(float[] x, int n) {
        double[] psd = new double[n / 2 + 1];
        int windows = 0;
        for (int start = 0; start + n <= x.length; start += n / 2, windows++) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int i = 0; i < n; i++) {
                re[i] = x[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
            }
            fft(re, im);
            for (int k = 0; k <= n / 2; k++) {
                psd[k] += re[k] * re[k] + im[k] * im[k];
            }
        }
        for (int k = 0; k < psd.length; k++) {
            psd[k] /= Math.max(1, windows);
        }
        return psd;
    }

    /** Mean of {@code psd} over the bins in [loHz, hiHz). */
    static double bandDensity(double[] psd, int rate, double loHz, double hiHz) {
        int n = 2 * (psd.length - 1);
        double sum = 0;
        int count = 0;
        for (int k = 0; k < psd.length; k++) {
            double hz = (double) k * rate / n;
            if (hz >= loHz && hz < hiHz) {
                sum += psd[k];
                count++;
            }
        }
        return sum / count;
    }

    /** Sum of {@code psd} over the bins in [loHz, hiHz). */
    static double bandPower(double[] psd, int rate, double loHz, double hiHz) {
        int n = 2 * (psd.length - 1);
        double sum = 0;
        for (int k = 0; k < psd.length; k++) {
            double hz = (double) k * rate / n;
            if (hz >= loHz && hz < hiHz) {
                sum += psd[k];
            }
        }
        return sum;
    }

    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(angle * k);
                    double wi = Math.sin(angle * k);
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}

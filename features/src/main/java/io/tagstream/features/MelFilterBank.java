package io.tagstream.features;

import java.util.Arrays;

/**
 * Triangular filters equally spaced on the mel scale ({@code mel = 2595 log10(1 + f/700)}), applied to a power
 * spectrum. {@code bands + 2} points are spaced equally in mel from the spec's minimum to maximum frequency; filter
 * {@code m} rises linearly from point {@code m} to a peak of 1 at point {@code m+1} and falls to 0 at point
 * {@code m+2}. The weight of FFT bin {@code k} (frequency {@code k * sampleRate / fftSize}) is evaluated at its exact
 * frequency, so the filter edges fall between bins (the HTK formula without area normalisation, as librosa's
 * {@code mel(htk=True, norm=None)}). A filter narrower than the bin spacing may hold no bin and then yields 0.
 *
 * <p>Written here rather than taken from TarsosDSP's {@code MFCC}: its {@code calculateFilterBanks} stores each centre
 * one slot early (losing the lower edge and leaving the second-to-last point at 0), and its {@code melFilter} rounds
 * the centres to whole bins and gives the edge bins a non-zero weight. Immutable and thread-safe.
 */
public final class MelFilterBank {

    private final double[] edgeFrequencies; // [bands + 2] Hz
    private final int[] firstBin;           // [bands] first bin with a non-zero weight
    private final double[][] weights;       // [bands][bins of the band] weights of firstBin, firstBin + 1, ...
    private final int spectrumBins;         // fftSize / 2 + 1

    /** Filters for {@code spec}'s sample rate, FFT size, band count and frequency range. */
    public MelFilterBank(FeatureSpec spec) {
        int bands = spec.melBands();
        this.spectrumBins = spec.fftSize() / 2 + 1;
        this.edgeFrequencies = edgeFrequencies(bands, spec.minFrequency(), spec.maxFrequency());
        this.firstBin = new int[bands];
        this.weights = new double[bands][];
        double binHz = (double) spec.sampleRate() / spec.fftSize();
        for (int m = 0; m < bands; m++) {
            buildFilter(m, binHz);
        }
    }

    /** Hz to mel (HTK): {@code 2595 log10(1 + hz / 700)}. */
    public static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    /** Mel to Hz, the inverse of {@link #hzToMel(double)}. */
    public static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    /** Number of filters. */
    public int bands() {
        return weights.length;
    }

    /** Peak frequency of filter {@code band} (0-based), Hz. */
    public double centreFrequency(int band) {
        return edgeFrequencies[band + 1];
    }

    /**
     * Filter energies: {@code energies[m] = sum_k weight(m, k) * power[k]}.
     *
     * @param power    power spectrum, {@code fftSize / 2 + 1} bins (DC to Nyquist)
     * @param energies output, {@link #bands()} values, overwritten
     */
    public void apply(double[] power, double[] energies) {
        if (power.length != spectrumBins || energies.length != weights.length) {
            throw new IllegalArgumentException("mel filter bank takes [" + spectrumBins + "] power bins into ["
                    + weights.length + "] energies, got [" + power.length + "] into [" + energies.length + "]");
        }
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            int k0 = firstBin[m];
            double sum = 0.0;
            for (int j = 0; j < w.length; j++) {
                sum += w[j] * power[k0 + j];
            }
            energies[m] = sum;
        }
    }

    private static double[] edgeFrequencies(int bands, double minHz, double maxHz) {
        double lowMel = hzToMel(minHz);
        double stepMel = (hzToMel(maxHz) - lowMel) / (bands + 1);
        double[] edges = new double[bands + 2];
        for (int j = 0; j < edges.length; j++) {
            edges[j] = melToHz(lowMel + j * stepMel);
        }
        edges[edges.length - 1] = maxHz; // exact upper edge, free of pow/log rounding
        return edges;
    }

    private void buildFilter(int m, double binHz) {
        double low = edgeFrequencies[m];
        double peak = edgeFrequencies[m + 1];
        double high = edgeFrequencies[m + 2];
        int from = Math.max(0, (int) Math.floor(low / binHz));
        int to = Math.min(spectrumBins - 1, (int) Math.ceil(high / binHz));
        double[] w = new double[Math.max(0, to - from + 1)];
        int first = -1;
        int last = -1;
        for (int k = from; k <= to; k++) {
            double f = k * binHz;
            double weight = Math.max(0.0, Math.min((f - low) / (peak - low), (high - f) / (high - peak)));
            w[k - from] = weight;
            if (weight > 0.0) {
                first = first < 0 ? k : first;
                last = k;
            }
        }
        firstBin[m] = Math.max(first, 0);
        weights[m] = first < 0 ? new double[0] : Arrays.copyOfRange(w, first - from, last - from + 1);
    }
}

package io.tagstream.features;

/**
 * How PCM becomes feature vectors. Immutable and validated at construction; part of every model file, and the
 * pipeline refuses a stream whose spec differs from its model's.
 *
 * @param sampleRate    pipeline sample rate in Hz; audio at other rates is resampled to it
 * @param windowSamples analysis window length in samples (Hann-windowed, zero-padded to {@link #fftSize()})
 * @param hopSamples    distance between the starts of consecutive frames, in samples
 * @param melBands      number of triangular mel filters
 * @param coefficients  number of cepstral coefficients kept ({@link FeatureKind#MFCC}); 0 for {@link FeatureKind#LOG_MEL}
 * @param kind          log-mel energies or MFCC
 * @param minFrequency  lower edge of the lowest mel filter, Hz
 * @param maxFrequency  upper edge of the highest mel filter, Hz (at most the Nyquist frequency)
 */
public record FeatureSpec(
        int sampleRate,
        int windowSamples,
        int hopSamples,
        int melBands,
        int coefficients,
        FeatureKind kind,
        double minFrequency,
        double maxFrequency) {

    /** 16 kHz, 25 ms window, 10 ms hop, 40 log-mel bands over 0-4 kHz (telephone band and wide band look alike). */
    public static final FeatureSpec DEFAULT = new FeatureSpec(16_000, 400, 160, 40, 0, FeatureKind.LOG_MEL, 0.0, 4_000.0);

    public FeatureSpec {
        require(sampleRate >= 1_000 && sampleRate <= 384_000, "sample rate must be in 1000..384000 Hz, got " + sampleRate);
        require(windowSamples >= 16 && windowSamples <= 65_536, "window must be 16..65536 samples, got " + windowSamples);
        require(hopSamples >= 1 && hopSamples <= windowSamples,
                "hop must be 1.." + windowSamples + " samples (at most the window), got " + hopSamples);
        require(melBands >= 1 && melBands <= 512, "mel bands must be 1..512, got " + melBands);
        require(kind != null, "feature kind is required");
        if (kind == FeatureKind.LOG_MEL) {
            require(coefficients == 0, "log-mel features take no cepstral coefficients, got " + coefficients);
        } else {
            require(coefficients >= 1 && coefficients <= melBands,
                    "MFCC coefficients must be 1.." + melBands + " (the mel bands), got " + coefficients);
        }
        require(minFrequency >= 0 && minFrequency < maxFrequency,
                "frequency range must satisfy 0 <= min < max, got " + minFrequency + ".." + maxFrequency);
        require(maxFrequency <= sampleRate / 2.0,
                "max frequency " + maxFrequency + " Hz is above the Nyquist frequency " + sampleRate / 2.0 + " Hz");
    }

    /** Length of one feature vector. */
    public int dims() {
        return kind == FeatureKind.LOG_MEL ? melBands : coefficients;
    }

    /** FFT length: the smallest power of two that holds the window. */
    public int fftSize() {
        int n = 1;
        while (n < windowSamples) {
            n <<= 1;
        }
        return n;
    }

    /** Hop in milliseconds (10.0 for the default). */
    public double hopMillis() {
        return 1000.0 * hopSamples / sampleRate;
    }

    /** Window in milliseconds (25.0 for the default). */
    public double windowMillis() {
        return 1000.0 * windowSamples / sampleRate;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid feature spec: " + message);
        }
    }
}

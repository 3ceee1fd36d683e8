package io.tagstream.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * TarsosFeatureExtractor against {@link ReferenceFeatures} (double precision, O(N^2) DFT, dense filters, direct
 * DCT-II).
 *
 * <p>Tolerances. The production path runs TarsosDSP's float32 FFT on a float32 Hann curve; their rounding is about
 * 1e-7 of the largest bin magnitude of the frame. So a band's energy error has a relative part and a floor set by
 * the frame's strongest FFT bin P_max: {@code |E - E_ref| <= 1e-4 E_ref + 1e-10 P_max} (measured over these signals:
 * relative <= 1e-5 for bands within 60 dB of P_max, floor <= 9e-12 P_max). In log terms, adding 4e-6 for the float32
 * representation of values up to |23|: {@code |L - L_ref| <= ln(1 + 1e-4 + 1e-10 P_max / (E_ref + 1e-10)) + 4e-6}.
 * That is 1e-4 (+4e-6) for every band within 60 dB of P_max; only bands near the float32 rounding floor (pure sines,
 * 100+ dB down) get the looser bound the floor implies.
 *
 * <p>MFCC is checked twice: the DCT step (TarsosDSP's {@code cepCoefficients}) against a double DCT-II of our own
 * log-mel output, within {@code 1e-6 * sum_k |L_k|} (float32 accumulation of K terms; measured <= 2e-7 of the sum);
 * and end to end against the reference, within the sum over bands of the log-mel bound above (|cos| <= 1) plus the
 * DCT bound, on noise and sines in noise (measured worst 3e-4; the bound is 4e-3 or more).
 */
class TarsosFeatureExtractorTest {

    private static final FeatureSpec MFCC_16K = new FeatureSpec(16_000, 400, 160, 40, 13, FeatureKind.MFCC, 0, 8_000);
    /** No zero padding (window = FFT size), a non-zero lowest frequency, an odd band count. */
    private static final FeatureSpec LOG_MEL_8K = new FeatureSpec(8_000, 256, 128, 23, 0, FeatureKind.LOG_MEL, 100, 3_800);
    /** Filters up to Nyquist, FFT of 1024, 64 bands, 20 coefficients. */
    private static final FeatureSpec MFCC_22K = new FeatureSpec(22_050, 551, 220, 64, 20, FeatureKind.MFCC, 20, 11_025);

    @Test
    void logMelMatchesReferenceOnSinesNoiseAndMixtures() {
        for (FeatureSpec spec : List.of(FeatureSpec.DEFAULT, LOG_MEL_8K)) {
            TarsosFeatureExtractor extractor = new TarsosFeatureExtractor(spec);
            for (float[] window : testWindows(spec, new Random(7))) {
                assertLogMelClose(spec, window, extractor.extract(window));
            }
        }
    }

    @Test
    void mfccDctStepMatchesADirectDct2OfTheLogMelOutput() {
        for (FeatureSpec spec : List.of(MFCC_16K, MFCC_22K)) {
            TarsosFeatureExtractor mfcc = new TarsosFeatureExtractor(spec);
            TarsosFeatureExtractor logMel = new TarsosFeatureExtractor(logMelOf(spec));
            for (float[] window : testWindows(spec, new Random(5))) {
                float[] logs = logMel.extract(window);
                double[] logsAsDouble = new double[logs.length];
                double sumAbs = 0;
                for (int k = 0; k < logs.length; k++) {
                    logsAsDouble[k] = logs[k];
                    sumAbs += Math.abs(logs[k]);
                }
                double[] expected = ReferenceFeatures.dct2(logsAsDouble, spec.coefficients());
                float[] actual = mfcc.extract(window);
                assertEquals(spec.coefficients(), actual.length);
                for (int n = 0; n < expected.length; n++) {
                    assertEquals(expected[n], actual[n], 1e-6 * sumAbs, "c" + n + " of " + spec);
                }
            }
        }
    }

    @Test
    void mfccMatchesReferenceEndToEndOnNoiseAndSinesInNoise() {
        for (FeatureSpec spec : List.of(MFCC_16K, MFCC_22K)) {
            TarsosFeatureExtractor extractor = new TarsosFeatureExtractor(spec);
            Random random = new Random(11);
            int w = spec.windowSamples();
            List<float[]> windows = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                windows.add(Signals.noise(random, 0.05 + 0.3 * random.nextDouble(), w));
            }
            for (double hz : new double[] {300, 1_000, 2_750, 6_123.4}) {
                windows.add(Signals.plus(Signals.sine(hz, 0.5, 0.2, spec.sampleRate(), w), Signals.noise(random, 0.005, w)));
            }
            for (float[] window : windows) {
                double[] expected = ReferenceFeatures.features(spec, window);
                double[] logs = ReferenceFeatures.logMel(ReferenceFeatures.melEnergies(spec, window));
                double[] bandTolerance = logMelTolerance(spec, window);
                double tolerance = 0;
                for (int k = 0; k < logs.length; k++) {
                    tolerance += bandTolerance[k] + 1e-6 * Math.abs(logs[k]);
                }
                float[] actual = extractor.extract(window);
                for (int n = 0; n < expected.length; n++) {
                    assertEquals(expected[n], actual[n], tolerance, "MFCC c" + n + " of " + spec);
                }
            }
        }
    }

    @Test
    void oneKilohertzPeaksInTheBandCentredNearestOneKilohertz() {
        FeatureSpec spec = FeatureSpec.DEFAULT;
        double[] centres = ReferenceFeatures.centres(spec);
        int nearest = 0;
        for (int m = 1; m < centres.length; m++) {
            nearest = Math.abs(centres[m] - 1_000) < Math.abs(centres[nearest] - 1_000) ? m : nearest;
        }
        float[] features = new TarsosFeatureExtractor(spec).extract(
                Signals.sine(1_000, 0.5, 0.0, spec.sampleRate(), spec.windowSamples()));
        assertEquals(nearest, argMax(features), "band centres: nearest is " + centres[nearest] + " Hz");
    }

    @Test
    void sinesAtTheTopTwoBandCentresPeakInThoseBands() {
        // TarsosDSP 2.4's own filter bank gets the top two of 40 filters wrong; ours must not.
        FeatureSpec spec = FeatureSpec.DEFAULT;
        double[] centres = ReferenceFeatures.centres(spec);
        TarsosFeatureExtractor extractor = new TarsosFeatureExtractor(spec);
        for (int band = spec.melBands() - 2; band < spec.melBands(); band++) {
            float[] features = extractor.extract(
                    Signals.sine(centres[band], 0.5, 0.0, spec.sampleRate(), spec.windowSamples()));
            assertEquals(band, argMax(features), "sine at " + centres[band] + " Hz");
        }
    }

    @Test
    void silenceGivesTheFloor() {
        float[] silence = new float[FeatureSpec.DEFAULT.windowSamples()];
        float[] logMel = new TarsosFeatureExtractor(FeatureSpec.DEFAULT).extract(silence);
        for (float v : logMel) {
            assertEquals((float) Math.log(1e-10), v, 0f);
        }
        assertEquals(-23.02585f, TarsosFeatureExtractor.LOG_FLOOR_VALUE, 1e-5f);

        float[] mfcc = new TarsosFeatureExtractor(MFCC_16K).extract(silence);
        assertEquals(MFCC_16K.melBands() * Math.log(1e-10), mfcc[0], 1e-3);
        for (int n = 1; n < mfcc.length; n++) {
            assertEquals(0.0, mfcc[n], 1e-3, "c" + n + " of a flat log spectrum");
        }
    }

    @Test
    void resultDependsOnlyOnTheWindowAndIsAFreshArray() {
        TarsosFeatureExtractor extractor = new TarsosFeatureExtractor(MFCC_16K);
        Random random = new Random(3);
        float[] a = Signals.noise(random, 0.2, MFCC_16K.windowSamples());
        float[] b = Signals.sine(440, 0.9, 0, 16_000, MFCC_16K.windowSamples());
        float[] aCopy = a.clone();
        float[] first = extractor.extract(a);
        first[0] = 12345f;                         // the caller owns the result
        extractor.extract(b);                      // scratch buffers hold b's state now
        float[] again = extractor.extract(a);
        float[] fresh = new TarsosFeatureExtractor(MFCC_16K).extract(a);
        assertNotSame(first, again);
        assertArrayEquals(fresh, again, 0f);
        assertArrayEquals(aCopy, a, 0f, "input window must not be modified");
    }

    @Test
    void rejectsAWindowOfTheWrongLength() {
        TarsosFeatureExtractor extractor = new TarsosFeatureExtractor(FeatureSpec.DEFAULT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> extractor.extract(new float[399]));
        assertEquals("window has 399 samples, the feature spec needs 400", e.getMessage());
    }

    /** Sines (low, mid, band edges, at the top frequency), loud and quiet noise, and sines in noise. */
    private static List<float[]> testWindows(FeatureSpec spec, Random random) {
        int w = spec.windowSamples();
        int rate = spec.sampleRate();
        List<float[]> windows = new ArrayList<>();
        for (double hz : new double[] {60, 437.3, 1_000, 1_850.5, spec.maxFrequency() * 0.97, spec.maxFrequency()}) {
            windows.add(Signals.sine(hz, 0.5 + 0.4 * random.nextDouble(), random.nextDouble() * 6, rate, w));
        }
        for (double sigma : new double[] {0.3, 0.05, 1e-4}) {
            windows.add(Signals.noise(random, sigma, w));
        }
        for (double hz : new double[] {250, 2_500}) {
            windows.add(Signals.plus(Signals.sine(hz, 0.5, 0.1, rate, w), Signals.noise(random, 5e-4, w)));
        }
        return windows;
    }

    private static void assertLogMelClose(FeatureSpec spec, float[] window, float[] actual) {
        double[] expected = ReferenceFeatures.logMel(ReferenceFeatures.melEnergies(spec, window));
        double[] tolerance = logMelTolerance(spec, window);
        assertEquals(spec.melBands(), actual.length);
        for (int m = 0; m < expected.length; m++) {
            assertEquals(expected[m], actual[m], tolerance[m], "band " + m + " of " + spec);
        }
    }

    /** Per band: ln(1 + 1e-4 + 1e-10 P_max / (E_ref + 1e-10)) + 4e-6, see the class comment. */
    private static double[] logMelTolerance(FeatureSpec spec, float[] window) {
        double peakBin = max(ReferenceFeatures.powerSpectrum(window, spec.fftSize()));
        double[] energies = ReferenceFeatures.melEnergies(spec, window);
        double[] tolerance = new double[energies.length];
        for (int m = 0; m < energies.length; m++) {
            tolerance[m] = Math.log1p(1e-4 + 1e-10 * peakBin / (energies[m] + ReferenceFeatures.FLOOR)) + 4e-6;
        }
        return tolerance;
    }

    private static FeatureSpec logMelOf(FeatureSpec spec) {
        return new FeatureSpec(spec.sampleRate(), spec.windowSamples(), spec.hopSamples(), spec.melBands(), 0,
                FeatureKind.LOG_MEL, spec.minFrequency(), spec.maxFrequency());
    }

    private static int argMax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            best = x[i] > x[best] ? i : best;
        }
        return best;
    }

    private static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v);
        }
        return m;
    }
}

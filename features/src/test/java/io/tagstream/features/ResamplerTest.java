package io.tagstream.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Resampling is checked against the ideal: a sine sampled directly at the new rate (same frequency, amplitude and
 * phase), away from the ends where the kernel runs off the signal (0.1 s margin). Tolerance 1e-4 absolute per sample
 * for tones up to 0.85 of the lower Nyquist frequency (measured <= 2e-5); tones from 1.05 times the new Nyquist
 * frequency must come out at least 90 dB down (measured 94 dB at 1.05, 108 dB at 1.25).
 */
class ResamplerTest {

    private static final double PHASE = 0.3;

    @Test
    void sineAt44100To16000KeepsFrequencyAmplitudeAndPhase() {
        assertMatchesIdealSine(44_100, 16_000, 1_000, 0.5);
        assertMatchesIdealSine(44_100, 16_000, 6_800, 0.8);  // 0.85 of the new Nyquist frequency
        assertMatchesIdealSine(44_100, 16_000, 20, 0.9);
    }

    @Test
    void otherRatioPairsKeepTheSine() {
        assertMatchesIdealSine(8_000, 16_000, 1_000, 0.5);    // up by 2
        assertMatchesIdealSine(48_000, 16_000, 3_000, 0.5);   // down by 3
        assertMatchesIdealSine(22_050, 16_000, 5_000, 0.5);
        assertMatchesIdealSine(16_000, 44_100, 2_500, 0.5);   // up by 441/160
        assertMatchesIdealSine(44_101, 16_000, 1_234, 0.5);   // 16000 fractional positions
        assertMatchesIdealSine(16_000, 60_001, 700, 0.5);     // 60001 positions: too many to tabulate
    }

    @Test
    void tonesAboveTheNewNyquistAreStronglyAttenuated() {
        for (double relative : new double[] {1.05, 1.25, 1.5, 2.0}) {
            double hz = relative * 8_000;
            float[] in = Signals.sine(hz, 0.5, PHASE, 44_100, 44_100);
            float[] out = Resampler.resample(in, 44_100, 16_000);
            double gainDb = 20 * Math.log10(rms(out, 1_600, out.length - 1_600) / (0.5 / Math.sqrt(2)));
            assertTrue(gainDb < -90, hz + " Hz came out at " + gainDb + " dB");
        }
    }

    @Test
    void equalRatesReturnAnIdenticalCopy() {
        float[] in = Signals.noise(new Random(1), 0.3, 1_000);
        float[] out = Resampler.resample(in, 16_000, 16_000);
        assertNotSame(in, out);
        assertArrayEquals(in, out, 0f);
    }

    @Test
    void lengthIsCeilOfDurationTimesNewRate() {
        assertEquals(16_000, Resampler.resample(new float[44_100], 44_100, 16_000).length);
        assertEquals(1, Resampler.resample(new float[1], 44_100, 16_000).length);
        assertEquals(3, Resampler.resample(new float[6], 44_100, 16_000).length);   // 6 * 160 / 441 = 2.18
        assertEquals(0, Resampler.resample(new float[0], 44_100, 16_000).length);
        assertEquals(12, Resampler.resample(new float[4], 8_000, 22_050).length);   // 4 * 441 / 160 = 11.025
    }

    @Test
    void constantStaysConstantAwayFromTheEnds() {
        float[] in = new float[8_000];
        Arrays.fill(in, 0.25f);
        float[] out = Resampler.resample(in, 8_000, 11_025);
        for (int i = 1_000; i < out.length - 1_000; i++) {
            assertEquals(0.25f, out[i], 1e-7f, "sample " + i);
        }
    }

    @Test
    void isDeterministic() {
        float[] in = Signals.noise(new Random(2), 0.3, 10_000);
        assertArrayEquals(Resampler.resample(in, 44_100, 16_000), Resampler.resample(in, 44_100, 16_000), 0f);
    }

    @Test
    void rejectsNonPositiveRates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resampler.resample(new float[1], 0, 16_000));
        assertEquals("sample rates must be at least 1 Hz, got 0 -> 16000", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[1], 16_000, -5));
    }

    private static void assertMatchesIdealSine(int from, int to, double hz, double amplitude) {
        float[] in = Signals.sine(hz, amplitude, PHASE, from, from); // 1 s
        float[] out = Resampler.resample(in, from, to);
        assertEquals(to, out.length);
        float[] ideal = Signals.sine(hz, amplitude, PHASE, to, to);
        for (int n = to / 10; n < to - to / 10; n++) {
            assertEquals(ideal[n], out[n], 1e-4, from + " -> " + to + " Hz, " + hz + " Hz sine, sample " + n);
        }
    }

    private static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}

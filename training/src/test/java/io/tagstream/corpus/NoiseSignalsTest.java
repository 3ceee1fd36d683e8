package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class NoiseSignalsTest {

    private static final int N = 20 * Sox.RATE;

    /** Density ratio in dB between the octaves 250-500 Hz and 2-4 kHz (three octaves apart). */
    private static double tiltDb(float[] x) {
        double[] psd = Spectrum.welch(x, 2048);
        return 10 * Math.log10(Spectrum.bandDensity(psd, Sox.RATE, 250, 500)
                / Spectrum.bandDensity(psd, Sox.RATE, 2000, 4000));
    }

    @Test
    void whiteIsFlatPinkFallsThreeAndBrownSixDbPerOctave() {
        assertEquals(0, tiltDb(NoiseSignals.white(N, new Random(1))), 0.5);
        assertEquals(9, tiltDb(NoiseSignals.pink(N, new Random(2))), 1.0);
        // a pole at 0.995 (12.8 Hz) is far below 250 Hz; the discrete integrator's 1/|1 - e^{-jw}|^2 slope
        // reaches 17.4 dB over these octaves at 16 kHz (computed from the transfer function at band centres)
        double expected = 10 * Math.log10(transfer(3000) / transfer(375));
        assertEquals(-expected, tiltDb(NoiseSignals.brown(N, new Random(3))), 1.0);
    }

    @Test
    void humHasItsEnergyAtTheHarmonicsOfItsFundamental() {
        float[] hum = NoiseSignals.hum(N, 50, new Random(4));
        double[] psd = Spectrum.welch(hum, 16_384);
        double harmonics = 0;
        for (int h = 1; h <= 8; h++) {
            harmonics += Spectrum.bandPower(psd, Sox.RATE, 50 * h - 3, 50 * h + 3);
        }
        double total = Spectrum.bandPower(psd, Sox.RATE, 0, Sox.RATE / 2.0);
        assertTrue(harmonics / total > 0.99, "share at harmonics: " + harmonics / total);
    }

    @Test
    void crackleIsSparseClicksAtTheAskedRate() {
        float[] x = NoiseSignals.crackle(N, 10, new Random(5));
        int onsets = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] != 0 && x[i - 1] == 0) {
                onsets++;
            }
        }
        // Poisson with mean 200 in 20 s: 4 standard deviations either side (clicks may merge, lowering the count)
        assertTrue(onsets > 200 - 4 * Math.sqrt(200) && onsets < 200 + 4 * Math.sqrt(200), "onsets " + onsets);
    }

    @Test
    void signalsAreDeterministicForASeed() {
        assertArrayEquals(NoiseSignals.pink(1000, new Random(8)), NoiseSignals.pink(1000, new Random(8)));
        assertArrayEquals(NoiseSignals.brown(1000, new Random(8)), NoiseSignals.brown(1000, new Random(8)));
    }

    /** |1 / (1 - 0.995 e^{-jw})|^2 at {@code hz}. */
    private static double transfer(double hz) {
        double w = 2 * Math.PI * hz / Sox.RATE;
        double re = 1 - 0.995 * Math.cos(w);
        double im = 0.995 * Math.sin(w);
        return 1 / (re * re + im * im);
    }
}

package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class NoiseEnvelopesTest {

    @Test
    void pulsingSwingsBetweenOneAndOneMinusDepthAtItsRate() {
        double[] g = NoiseEnvelopes.pulsing(Sox.RATE, 4, 0.6, 0);
        // phase 0: cos = 1 at t = 0, 0.25 s, ...: the gate's trough 1 - 0.6; half way between (t = 0.125 s): 1
        assertEquals(0.4, g[0], 1e-12);
        assertEquals(0.4, g[Sox.RATE / 4], 1e-12);
        assertEquals(1.0, g[Sox.RATE / 8], 1e-12);
        // a quarter period in (t = 1/16 s): cos = 0, gain 1 - 0.6 * 0.5
        assertEquals(0.7, g[Sox.RATE / 16], 1e-12);
    }

    @Test
    void wanderingStaysInItsRangeAndMovesNoFasterThanItsSmoother() {
        double smoothing = 0.2;
        double[] g = NoiseEnvelopes.wandering(10 * Sox.RATE, 0.1, smoothing, new Random(3));
        assertEquals(1.0, g[0], 1.0 / (smoothing * Sox.RATE));
        double maxStep = 0;
        for (int i = 0; i < g.length; i++) {
            assertTrue(g[i] >= 0.2 && g[i] <= 1.8, "gain " + g[i] + " at " + i);
            if (i > 0) {
                maxStep = Math.max(maxStep, Math.abs(g[i] - g[i - 1]));
            }
        }
        // each step moves 1/(0.2 * 16000) of the distance to a target at most 1.6 away
        assertTrue(maxStep <= 1.6 / (smoothing * Sox.RATE) + 1e-12, "largest step " + maxStep);
    }

    @Test
    void burstingAlternatesOnAndOffWithShortRampsAndStretchesInRange() {
        int n = 30 * Sox.RATE;
        double[] g = NoiseEnvelopes.bursting(n, 0.1, 2.0, new Random(4));
        int ramp = Sox.RATE / 200;
        double largestStep = 0;
        int onsets = 0;
        for (int i = 1; i < n; i++) {
            assertTrue(g[i] >= 0 && g[i] <= 1, "gain " + g[i]);
            largestStep = Math.max(largestStep, Math.abs(g[i] - g[i - 1]));
            if (g[i - 1] == 0 && g[i] > 0) {
                onsets++;
            }
        }
        // a raised-cosine ramp over 80 samples moves at most sin(pi / 80) * (pi / 2) / ... < pi / (2 * 80) per sample
        assertTrue(largestStep < Math.PI / (2 * ramp) + 1e-9, "largest step " + largestStep);
        // stretches of 0.1..2 s (mean 1.05 s): 30 s hold 15..300 of them, so between 7 and 150 onsets after the first
        assertTrue(onsets >= 7 && onsets <= 150, "onsets " + onsets);
        assertEquals(1.0, g[ramp], 1e-12, "the first stretch is on, fully up after its ramp");
    }

    @Test
    void envelopesAreDeterministicForASeed() {
        assertEquals(Arrays.toString(NoiseEnvelopes.bursting(8000, 0.1, 0.3, new Random(9))),
                Arrays.toString(NoiseEnvelopes.bursting(8000, 0.1, 0.3, new Random(9))));
    }

    @Test
    void applyScalesEachSampleByItsGainInPlace() {
        float[] x = {1f, -2f, 4f};
        NoiseEnvelopes.apply(x, new double[] {0.5, 0.25, 2});
        assertEquals("[0.5, -0.5, 8.0]", Arrays.toString(x));
    }
}

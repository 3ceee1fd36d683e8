package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.tagstream.features.TarsosFeatureExtractor;

class FeatureAugmentationTest {

    private static final float FLOOR = TarsosFeatureExtractor.LOG_FLOOR_VALUE;
    private static final double LN_PER_DB = Math.log(10) / 10;

    /** A random source whose doubles are given in order (ints from the seeded parent). */
    private static Random doubles(double... values) {
        return new Random(1) {
            private int next;

            @Override
            public double nextDouble() {
                return values[next++];
            }
        };
    }

    @Test
    void gainShiftsEveryBandOfEveryFrameByTheSameAmount() {
        float[] x = {-3f, -2f, -1f, 0f, 1f, 2f}; // [T=2, dims=3]
        float[] before = x.clone();
        // nextDouble 1.0 -> gain = (2*1-1) * 6 dB = +6 dB = 6 * ln(10)/10 in ln-energy; tilt draw 0.5 -> 0
        new FeatureAugmentation(6, 10, 0, 0).apply(x, 0, 2, 3, doubles(1.0, 0.5));
        for (int i = 0; i < x.length; i++) {
            assertEquals(before[i] + 6 * LN_PER_DB, x[i], 1e-6);
        }
    }

    @Test
    void tiltIsLinearAcrossBandsAndCentredOnTheMiddleBand() {
        float[] x = new float[5]; // [T=1, dims=5], zeros
        // gain draw 0.5 -> 0 dB; tilt draw 0.0 -> s = -8 dB: band m shifted by -8 * (m/4 - 0.5) dB
        new FeatureAugmentation(3, 8, 0, 0).apply(x, 0, 1, 5, doubles(0.5, 0.0));
        double[] expectedDb = {4, 2, 0, -2, -4};
        for (int m = 0; m < 5; m++) {
            assertEquals(expectedDb[m] * LN_PER_DB, x[m], 1e-6, "band " + m);
        }
    }

    @Test
    void floorStaysAtTheFloorAndNothingGoesBelowIt() {
        float[] x = {FLOOR, FLOOR + 0.5f, -5f};
        new FeatureAugmentation(20, 0, 0, 0).apply(x, 0, 1, 3, doubles(0.0, 0.5)); // -20 dB = -4.6 in ln
        assertEquals(FLOOR, x[0]);
        assertEquals(FLOOR, x[1]);
        assertEquals(-5f - 20 * LN_PER_DB, x[2], 1e-5);
    }

    @Test
    void masksReplaceBandsByTheirMeanOverTheCropAndLeaveOtherCropsAlone() {
        int frames = 4;
        int dims = 6;
        float[] x = new float[2 * frames * dims]; // two crops [2, T, dims]
        Random values = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) values.nextGaussian();
        }
        float[] before = x.clone();
        new FeatureAugmentation(0, 0, 1, dims).apply(x, frames * dims, frames, dims, new Random(5));
        for (int i = 0; i < frames * dims; i++) {
            assertEquals(before[i], x[i], "first crop untouched");
        }
        int masked = 0;
        for (int m = 0; m < dims; m++) {
            double mean = 0;
            boolean changed = false;
            for (int t = 0; t < frames; t++) {
                int i = frames * dims + t * dims + m;
                mean += before[i] / frames;
                changed |= before[i] != x[i];
            }
            if (changed) {
                masked++;
                for (int t = 0; t < frames; t++) {
                    assertEquals(mean, x[frames * dims + t * dims + m], 1e-6);
                }
            }
        }
        assertTrue(masked >= 1 && masked <= dims, "one mask of 1.." + dims + " bands, changed " + masked);
    }

    @Test
    void noneIsDisabledAndRangesAreValidated() {
        assertFalse(FeatureAugmentation.NONE.enabled());
        assertTrue(new FeatureAugmentation(0, 0, 1, 2).enabled());
        assertThrows(IllegalArgumentException.class, () -> new FeatureAugmentation(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FeatureAugmentation(0, 0, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new FeatureAugmentation(0, 41, 0, 0));
    }
}

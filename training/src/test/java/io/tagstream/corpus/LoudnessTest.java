package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LoudnessTest {

    @Test
    void activeRmsIgnoresPausesAndScaledToHitsTheTarget() {
        // 1 s of a sine with RMS 0.1 / sqrt(2), then 1 s of silence: active RMS is the sine's
        float[] x = new float[2 * Sox.RATE];
        for (int i = 0; i < Sox.RATE; i++) {
            x[i] = (float) (0.1 * Math.sin(2 * Math.PI * 440 * i / Sox.RATE));
        }
        assertEquals(0.1 / Math.sqrt(2), Loudness.activeRms(x), 1e-5);
        Random random = new Random(2);
        for (int trial = 0; trial < 20; trial++) {
            double target = -60 + 55 * random.nextDouble();
            assertEquals(target, Loudness.dbfs(Loudness.activeRms(Loudness.scaledTo(x, target))), 1e-4);
        }
        assertEquals(0, Loudness.activeRms(new float[100]));
    }

    @Test
    void peakLimitingOnlyScalesDown() {
        float[] x = {0.2f, -0.8f, 0.4f};
        assertEquals(0.5, Loudness.peak(Loudness.peakLimited(x, 0.5)), 1e-7);
        assertEquals(0.8, Loudness.peak(Loudness.peakLimited(x, 0.9)), 1e-7);
    }

    @Test
    void fadesRiseFromNearZeroAndLeaveTheMiddleAlone() {
        float[] ones = new float[1000];
        java.util.Arrays.fill(ones, 1f);
        float[] y = Envelope.faded(ones, 100, 200);
        assertTrue(y[0] > 0 && y[0] < 0.001, "first sample " + y[0]);
        assertTrue(y[999] > 0 && y[999] < 0.001, "last sample " + y[999]);
        for (int i = 1; i < 100; i++) {
            assertTrue(y[i] > y[i - 1], "rising at " + i);
        }
        for (int i = 100; i < 800; i++) {
            assertEquals(1f, y[i]);
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(0.5 - 0.5 * Math.cos(Math.PI * (i + 0.5) / 100), y[i], 1e-6);
        }
        for (int i = 0; i < 200; i++) {
            assertEquals(0.5 - 0.5 * Math.cos(Math.PI * (i + 0.5) / 200), y[999 - i], 1e-6);
        }
    }
}

package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ActivityTest {

    private static final int F = FrameEnergy.FRAME;

    /** A signal of {@code frames} frames, constant amplitude {@code a[k]} (so RMS = a[k]) in frame k. */
    static float[] constantFrames(double... a) {
        float[] x = new float[a.length * F];
        for (int k = 0; k < a.length; k++) {
            Arrays.fill(x, k * F, (k + 1) * F, (float) a[k]);
        }
        return x;
    }

    @Test
    void frameEnergyIsTheMeanSquareOfEachFrameOnTheClipGrid() {
        float[] x = constantFrames(0.5, 0.25);
        // placed half a frame into the clip: frame 0 holds 80 samples of 0.5, frame 1 80 of 0.5 and 80 of 0.25 ...
        double[] ms = FrameEnergy.onClipGrid(x, F / 2, 4);
        assertEquals(0.5 * 0.25, ms[0], 1e-9);
        assertEquals(0.5 * 0.25 + 0.5 * 0.0625, ms[1], 1e-9);
        assertEquals(0.5 * 0.0625, ms[2], 1e-9);
        assertEquals(0, ms[3]);
        // and a signal that starts before the clip is cut
        assertArrayEquals(new double[] {0.0625}, FrameEnergy.onClipGrid(x, -F, 1), 1e-12);
    }

    @Test
    void aFrameIsActiveAboveTheFloorAndWithin40DbOfTheLoudest() {
        double loud = Loudness.amplitude(-10);
        double[] a = {
            loud,
            Loudness.amplitude(-49.9),   // 39.9 dB below the loudest: active
            Loudness.amplitude(-50.1),   // 40.1 dB below: not active
            0,
        };
        boolean[] active = Activity.activeFrames(FrameEnergy.ofSignal(constantFrames(a)));
        assertArrayEquals(new boolean[] {true, true, false, false}, active);

        double[] quiet = {Loudness.amplitude(-59.9), Loudness.amplitude(-60.1), Loudness.amplitude(-55)};
        assertArrayEquals(new boolean[] {true, false, true},
                Activity.activeFrames(FrameEnergy.ofSignal(constantFrames(quiet))), "absolute floor -60 dBFS");
    }

    @Test
    void bridgingFillsOnlyInnerGapsUpToTheLimit() {
        boolean[] in = mask("..##..#...#....#..");
        assertArrayEquals(mask("..#####...#....#.."), Activity.bridged(in, 2),
                "gap of 2 filled, gaps of 3 and 4 kept, edges kept");
        assertArrayEquals(mask("..##############.."), Activity.bridged(in, 4));
        assertArrayEquals(in, Activity.bridged(in, 0));
    }

    @Test
    void bridgingMatchesABruteForceReferenceOnRandomMasks() {
        Random random = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            boolean[] m = new boolean[1 + random.nextInt(60)];
            for (int i = 0; i < m.length; i++) {
                m[i] = random.nextDouble() < 0.4;
            }
            int maxGap = random.nextInt(6);
            boolean[] expected = m.clone();
            for (int i = 0; i < m.length; i++) {
                // inactive frame i becomes active iff active frames exist on both sides within one gap <= maxGap
                if (!m[i]) {
                    int left = i;
                    while (left >= 0 && !m[left]) {
                        left--;
                    }
                    int right = i;
                    while (right < m.length && !m[right]) {
                        right++;
                    }
                    expected[i] = left >= 0 && right < m.length && right - left - 1 <= maxGap;
                }
            }
            assertArrayEquals(expected, Activity.bridged(m, maxGap), "trial " + trial);
        }
    }

    @Test
    void trimmingCutsToTheFirstAndLastActiveFrame() {
        float[] x = constantFrames(0, 0.001 / 1000, 0.3, 0, 0.2, 0.0001, 0);
        float[] t = Activity.trimmed(x);
        assertEquals(3 * F, t.length);
        assertEquals(0.3f, t[0]);
        assertEquals(0.2f, t[t.length - 1]);
        assertEquals(0, Activity.trimmed(new float[5 * F]).length);
    }

    /** "#" active, "." inactive. */
    private static boolean[] mask(String s) {
        boolean[] m = new boolean[s.length()];
        for (int i = 0; i < m.length; i++) {
            m[i] = s.charAt(i) == '#';
        }
        return m;
    }
}

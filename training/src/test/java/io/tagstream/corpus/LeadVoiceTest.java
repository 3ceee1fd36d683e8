package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class LeadVoiceTest {

    /** A pure tone (rolloff 30: the second harmonic is 2^-30 of the first) holding A4 for {@code seconds}. */
    private static float[] heldA4(LeadVoice voice, double seconds) {
        int n = (int) (seconds * Sox.RATE);
        double[] target = new double[n];
        double[] onset = new double[n];
        Arrays.fill(target, 69);
        for (int i = 0; i < n; i++) {
            onset[i] = (double) i / Sox.RATE;
        }
        return voice.render(target, onset);
    }

    /** Mean frequency over [from, to) s from upward zero crossings (interpolated), as an independent measure. */
    private static double measuredHz(float[] x, double from, double to) {
        double first = Double.NaN;
        double last = Double.NaN;
        int crossings = 0;
        for (int i = (int) (from * Sox.RATE) + 1; i < (int) (to * Sox.RATE); i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                double at = i - 1 + x[i - 1] / (double) (x[i - 1] - x[i]);
                if (Double.isNaN(first)) {
                    first = at;
                } else {
                    crossings++;
                }
                last = at;
            }
        }
        return crossings * Sox.RATE / (last - first);
    }

    @Test
    void aHeldNoteIsSteadyBeforeTheVibratoAndSwingsByItsDepthAfter() {
        LeadVoice voice = new LeadVoice(5, 50, 0.05, 30);
        float[] x = heldA4(voice, 2.0);
        // before the vibrato sets in (after the 20 ms rise): 440 Hz within 0.2 Hz
        assertEquals(440, measuredHz(x, 0.03, 0.15), 0.2);
        // once it is there: a 5 Hz swing; a tenth of a period around its peak (t = 0.45 s, sin = 1) sits near
        // 440 * 2^(50/1200) = 452.9 Hz, around its trough (t = 0.55 s) near 427.4 Hz
        double high = 440 * Math.pow(2, 50 / 1200.0);
        double low = 440 * Math.pow(2, -50 / 1200.0);
        assertEquals(high, measuredHz(x, 0.44, 0.46), 1.0);
        assertEquals(low, measuredHz(x, 0.54, 0.56), 1.0);
        // over whole vibrato periods the mean sits at 440 (the swing is symmetric in cents, so slightly below)
        assertEquals(440, measuredHz(x, 0.6, 1.6), 0.6);
    }

    @Test
    void harmonicsFallAsThePowerLawAndStopBelowTheTop() {
        LeadVoice voice = new LeadVoice(5, 0, 0.05, 1.0);
        assertEquals(440, voice.frequencyHz(69, 10, 1_234), 1e-9, "no vibrato at depth 0");
        float[] x = heldA4(voice, 1.0);
        double[] psd = Spectrum.welch(Arrays.copyOfRange(x, Sox.RATE / 10, x.length), 4096);
        double first = Spectrum.bandPower(psd, Sox.RATE, 430, 450);
        for (int h = 2; h <= 8; h++) {
            double power = Spectrum.bandPower(psd, Sox.RATE, 440 * h - 10, 440 * h + 10);
            if (440 * h < 3_800) {
                // amplitude 1/h: power 1/h^2 of the first, within 0.5 dB
                assertEquals(-20 * Math.log10(h), 10 * Math.log10(power / first), 0.5, "harmonic " + h);
            } else {
                assertTrue(power / first < 1e-6, "harmonic " + h + " at " + 440 * h + " Hz is not there");
            }
        }
    }

    @Test
    void theGlideApproachesANewNoteWithItsTimeConstant() {
        LeadVoice voice = new LeadVoice(5, 0, 0.05, 30);
        int n = Sox.RATE;
        double[] target = new double[n];
        double[] onset = new double[n];
        Arrays.fill(target, 0, n / 2, 69);
        Arrays.fill(target, n / 2, n, 81); // an octave up at 0.5 s
        float[] x = voice.render(target, onset);
        // after one time constant (50 ms) 1 - 1/e of the way: 69 + 12 (1 - e^-1) = 76.59 -> 721.6 Hz
        double expected = Harmony.hz(0) * Math.pow(2, (69 + 12 * (1 - Math.exp(-1))) / 12);
        assertEquals(expected, measuredHz(x, 0.545, 0.555), 6.0);
        assertEquals(880, measuredHz(x, 0.8, 0.99), 0.5, "settled an octave up");
    }
}

package io.tagstream.corpus;

import java.util.List;
import java.util.Random;

/**
 * The band every sound of a clip is filtered to (sox {@code sinc}, a linear-phase windowed-sinc FIR). One band per
 * clip, applied to every class, so bandwidth tells nothing about the class: telephone prompts and music on hold
 * (8 kHz sources) look like everything else.
 *
 * @param highpassHz lower edge in Hz, 0 for none
 * @param lowpassHz  upper edge in Hz, at most {@link #MAX_LOWPASS_HZ}
 */
record BandLimit(int highpassHz, int lowpassHz) {

    /** Upper edge of the default feature spec's mel filters: nothing above it is ever kept. */
    static final int MAX_LOWPASS_HZ = 4_000;
    static final int MIN_LOWPASS_HZ = 3_400;

    BandLimit {
        if (lowpassHz < MIN_LOWPASS_HZ || lowpassHz > MAX_LOWPASS_HZ) {
            throw new IllegalArgumentException("low-pass edge must be " + MIN_LOWPASS_HZ + ".." + MAX_LOWPASS_HZ
                    + " Hz, got " + lowpassHz);
        }
        if (highpassHz < 0 || highpassHz > 400) {
            throw new IllegalArgumentException("high-pass edge must be 0..400 Hz, got " + highpassHz);
        }
    }

    /** Low-pass edge uniform in 3400..4000 Hz; 40 % of clips without high-pass, the rest 50..300 Hz. */
    static BandLimit random(Random r) {
        int lowpass = MIN_LOWPASS_HZ + r.nextInt(MAX_LOWPASS_HZ - MIN_LOWPASS_HZ + 1);
        int highpass = r.nextDouble() < 0.4 ? 0 : 50 + r.nextInt(251);
        return new BandLimit(highpass, lowpass);
    }

    /** {@code sinc -3700} or {@code sinc 120-3700}. */
    List<String> soxEffects() {
        return List.of("sinc", (highpassHz > 0 ? Integer.toString(highpassHz) : "") + "-" + lowpassHz);
    }
}

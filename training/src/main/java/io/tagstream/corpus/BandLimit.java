package io.tagstream.corpus;

import java.util.List;
import java.util.Random;

/**
 * The band every sound of a clip is filtered to (sox {@code sinc}, a linear-phase windowed-sinc FIR). One band per
 * clip, applied to every class, so bandwidth tells nothing about the class: telephone prompts and music on hold
 * (8 kHz sources) look like everything else. A clip is telephone band (low-pass 3400..4000 Hz) or, with the
 * config's full-band share, full band (low-pass 7000..7900 Hz, under the 8 kHz Nyquist frequency of the corpus).
 *
 * @param highpassHz lower edge in Hz, 0 for none
 * @param lowpassHz  upper edge in Hz: {@link #MIN_LOWPASS_HZ}..{@link #MAX_LOWPASS_HZ} or
 *                   {@link #MIN_WIDE_LOWPASS_HZ}..{@link #MAX_WIDE_LOWPASS_HZ}
 */
record BandLimit(int highpassHz, int lowpassHz) {

    /** Upper edge of the v1 feature spec's mel filters: a telephone-band clip keeps nothing above it. */
    static final int MAX_LOWPASS_HZ = 4_000;
    static final int MIN_LOWPASS_HZ = 3_400;
    static final int MIN_WIDE_LOWPASS_HZ = 7_000;
    static final int MAX_WIDE_LOWPASS_HZ = 7_900;

    BandLimit {
        boolean telephone = lowpassHz >= MIN_LOWPASS_HZ && lowpassHz <= MAX_LOWPASS_HZ;
        boolean wide = lowpassHz >= MIN_WIDE_LOWPASS_HZ && lowpassHz <= MAX_WIDE_LOWPASS_HZ;
        if (!telephone && !wide) {
            throw new IllegalArgumentException("low-pass edge must be " + MIN_LOWPASS_HZ + ".." + MAX_LOWPASS_HZ
                    + " or " + MIN_WIDE_LOWPASS_HZ + ".." + MAX_WIDE_LOWPASS_HZ + " Hz, got " + lowpassHz);
        }
        if (highpassHz < 0 || highpassHz > 400) {
            throw new IllegalArgumentException("high-pass edge must be 0..400 Hz, got " + highpassHz);
        }
    }

    /** Low-pass edge uniform in 3400..4000 Hz; 40 % of clips without high-pass, the rest 50..300 Hz. */
    static BandLimit random(Random r) {
        return random(r, 0);
    }

    /**
     * Full band (low-pass 7000..7900 Hz) with probability {@code fullBandShare}, otherwise {@link #random(Random)}'s
     * band; with a share of 0 no extra number is drawn, so v1 corpora are made again byte for byte.
     */
    static BandLimit random(Random r, double fullBandShare) {
        boolean wide = fullBandShare > 0 && r.nextDouble() < fullBandShare;
        int lowpass = wide ? MIN_WIDE_LOWPASS_HZ + r.nextInt(MAX_WIDE_LOWPASS_HZ - MIN_WIDE_LOWPASS_HZ + 1)
                : MIN_LOWPASS_HZ + r.nextInt(MAX_LOWPASS_HZ - MIN_LOWPASS_HZ + 1);
        int highpass = r.nextDouble() < 0.4 ? 0 : 50 + r.nextInt(251);
        return new BandLimit(highpass, lowpass);
    }

    /** True for a full-band clip. */
    boolean wide() {
        return lowpassHz >= MIN_WIDE_LOWPASS_HZ;
    }

    /** {@code sinc -3700} or {@code sinc 120-3700}. */
    List<String> soxEffects() {
        return List.of("sinc", (highpassHz > 0 ? Integer.toString(highpassHz) : "") + "-" + lowpassHz);
    }
}

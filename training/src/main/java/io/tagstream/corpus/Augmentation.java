package io.tagstream.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * How one layer of a scene is varied, as sox effects: speed (tempo and pitch together), pitch alone, peaking EQ,
 * reverb, a telephone-like narrowing (for wideband sources), and the clip's band limit. Speed and pitch act when
 * a source is loaded ({@link #loadEffects()}); the rest acts on the assembled layer ({@link #layerEffects()}), so
 * one scene sounds like one room and one channel.
 *
 * @param speed         sox speed factor (1 = unchanged)
 * @param pitchCents    sox pitch shift in cents (0 = unchanged)
 * @param equalizers    peaking EQ bands
 * @param reverberance  sox reverb reverberance 0..100 (0 = no reverb)
 * @param roomScale     sox reverb room scale 0..100
 * @param narrowingHz   an extra low-pass edge making a wideband source as narrow as a telephone one (0 = none)
 * @param band          the clip's band limit
 */
record Augmentation(double speed, int pitchCents, List<Equalizer> equalizers, int reverberance, int roomScale,
                    int narrowingHz, BandLimit band) {

    /**
     * A peaking EQ band.
     *
     * @param hz     centre frequency
     * @param q      quality factor
     * @param gainDb gain at the centre, dB
     */
    record Equalizer(int hz, double q, double gainDb) {

        List<String> soxEffects() {
            return List.of("equalizer", Integer.toString(hz), String.format(Locale.ROOT, "%.2fq", q),
                    String.format(Locale.ROOT, "%.1f", gainDb));
        }
    }

    Augmentation {
        equalizers = List.copyOf(equalizers);
        Objects.requireNonNull(band, "band");
        if (!(speed >= 0.5 && speed <= 2)) {
            throw new IllegalArgumentException("speed must be 0.5..2, got " + speed);
        }
        if (narrowingHz != 0 && (narrowingHz < 3_000 || narrowingHz > BandLimit.MAX_LOWPASS_HZ)) {
            throw new IllegalArgumentException("narrowing edge must be 0 or 3000..4000 Hz, got " + narrowingHz);
        }
    }

    /** No variation but the band limit (used for noise floors). */
    static Augmentation bandOnly(BandLimit band) {
        return new Augmentation(1, 0, List.of(), 0, 0, 0, band);
    }

    /** Speech: speed 0.9..1.12 half the time, pitch +-250 cents a third of the time, 0..2 EQ bands, reverb 30 %. */
    static Augmentation forSpeech(Random r, BandLimit band) {
        double speed = r.nextDouble() < 0.5 ? 0.9 + 0.22 * r.nextDouble() : 1;
        int pitch = r.nextDouble() < 0.33 ? r.nextInt(501) - 250 : 0;
        return varied(r, speed, pitch, 0.3, band);
    }

    /** Music: speed 0.94..1.06 a third of the time, 0..2 EQ bands, reverb 25 %. */
    static Augmentation forMusic(Random r, BandLimit band) {
        double speed = r.nextDouble() < 0.33 ? 0.94 + 0.12 * r.nextDouble() : 1;
        return varied(r, speed, 0, 0.25, band);
    }

    /** Noise: speed 0.8..1.25 a third of the time, 0..2 EQ bands, reverb 20 %. */
    static Augmentation forNoise(Random r, BandLimit band) {
        double speed = r.nextDouble() < 0.33 ? 0.8 + 0.45 * r.nextDouble() : 1;
        return varied(r, speed, 0, 0.2, band);
    }

    private static Augmentation varied(Random r, double speed, int pitch, double reverbChance, BandLimit band) {
        int bands = r.nextInt(3);
        List<Equalizer> eq = new ArrayList<>(bands);
        for (int i = 0; i < bands; i++) {
            int hz = (int) Math.round(150 * Math.pow(3_400.0 / 150, r.nextDouble()));
            eq.add(new Equalizer(hz, 0.5 + 1.5 * r.nextDouble(), -9 + 18 * r.nextDouble()));
        }
        boolean reverb = r.nextDouble() < reverbChance;
        return new Augmentation(speed, pitch, eq, reverb ? 20 + r.nextInt(71) : 0, reverb ? 20 + r.nextInt(81) : 0, 0,
                band);
    }

    /** This augmentation with a low-pass at {@code hz} before the band limit. */
    Augmentation narrowedTo(int hz) {
        return new Augmentation(speed, pitchCents, equalizers, reverberance, roomScale, hz, band);
    }

    /** Effects applied while loading a source at its own rate: speed and pitch. */
    List<String> loadEffects() {
        List<String> e = new ArrayList<>();
        if (speed != 1) {
            e.addAll(List.of("speed", String.format(Locale.ROOT, "%.4f", speed)));
        }
        if (pitchCents != 0) {
            e.addAll(List.of("pitch", Integer.toString(pitchCents)));
        }
        return e;
    }

    /** Effects applied to an assembled layer at the corpus rate: EQ, reverb, narrowing, band limit (always last). */
    List<String> layerEffects() {
        List<String> e = new ArrayList<>();
        for (Equalizer q : equalizers) {
            e.addAll(q.soxEffects());
        }
        if (reverberance > 0) {
            e.addAll(List.of("reverb", Integer.toString(reverberance), "50", Integer.toString(roomScale)));
        }
        if (narrowingHz > 0) {
            e.addAll(List.of("sinc", "-" + narrowingHz));
        }
        e.addAll(band.soxEffects());
        return e;
    }
}

package io.tagstream.corpus;

import java.util.Set;

/**
 * The sonic-pi-samples families the corpus may use, each decided music or noise once for the whole family, with
 * the reason (written to the manifest), and how its samples are arranged. No other family is used. Every family
 * gives files to both splits, disjoint by file: every {@value #DEV_EVERY}th file of a family in name order is dev
 * (held-out recordings of a kind the train split has, rather than a kind it never saw).
 */
enum SonicPiFamily {
    BASS("bass", SoundClass.MUSIC, Arrangement.PITCHED,
            "tuned synth-bass notes; transposed and sequenced on a tempo grid they form bass lines"),
    BD("bd", SoundClass.MUSIC, Arrangement.PERCUSSION,
            "bass-drum (kick) one-shots, an instrument of drum kits; played on a beat grid they are the kick of"
                    + " a groove"),
    DRUM("drum", SoundClass.MUSIC, Arrangement.PERCUSSION,
            "acoustic drum-kit pieces (kicks, snares, toms, cymbals, a roll); arranged in bar patterns they are a"
                    + " drum track"),
    ELEC("elec", SoundClass.NOISE, Arrangement.SCATTER,
            "very short electronic blips, pings, ticks, pops and synthetic hits (most under 0.4 s); scattered at random"
                    + " times they are device and interface sounds, not music"),
    GLITCH("glitch", SoundClass.NOISE, Arrangement.SCATTER,
            "digital glitches and stutters: broadband, mostly unpitched artefacts like a failing line or codec"),
    GUIT("guit", SoundClass.MUSIC, Arrangement.PHRASE,
            "sustained guitar chords, slides and harmonics: tonal and harmonic, music by any definition"),
    LOOP("loop", SoundClass.MUSIC, Arrangement.LOOP,
            "drum breaks and instrumental loops (amen, breakbeat, garzul, mika, safari, ...) made to be repeated as"
                    + " music; loop_3d_printer is left out: it is a recording of a machine, not music"),
    MEHACKIT("mehackit", SoundClass.NOISE, Arrangement.SCATTER,
            "phone and robot sound effects (rings, beeps, servo and bleep noises): effects, not music"),
    PERC("perc", SoundClass.NOISE, Arrangement.SCATTER,
            "single everyday impacts and effects (door, impacts, snaps, swooshes, a till, bells) scattered at random"
                    + " times, without a beat: environmental noise"),
    SN("sn", SoundClass.MUSIC, Arrangement.PERCUSSION,
            "snare-drum one-shots; played as the backbeat of a drum pattern"),
    TABLA("tabla", SoundClass.MUSIC, Arrangement.PERCUSSION,
            "tabla strokes, a tuned Indian hand drum; sequenced in repeating rhythmic cycles they are music");

    /** How a family's samples become a sound. */
    enum Arrangement {
        /** one-shots on a beat grid in repeating bar patterns */
        PERCUSSION,
        /** one note transposed into a repeating riff on the beat grid */
        PITCHED,
        /** whole samples one after another, overlapping */
        PHRASE,
        /** one loop repeated back to back */
        LOOP,
        /** hits at irregular (exponentially distributed) times, random gains */
        SCATTER
    }

    /** Files of the families that are not used although their prefix matches. */
    static final Set<String> EXCLUDED_FILES = Set.of("loop_3d_printer.flac");

    private final String prefix;
    private final SoundClass soundClass;
    private final Arrangement arrangement;
    private final String reason;

    /** One file in this many of a family (in name order) is dev; the rest are train. */
    static final int DEV_EVERY = 4;

    SonicPiFamily(String prefix, SoundClass soundClass, Arrangement arrangement, String reason) {
        this.prefix = prefix;
        this.soundClass = soundClass;
        this.arrangement = arrangement;
        this.reason = reason;
    }

    /** The family name, the file-name prefix before '_' ("bd" for bd_808.flac). */
    String prefix() {
        return prefix;
    }

    SoundClass soundClass() {
        return soundClass;
    }

    /** The split of the family's file at {@code index} in name order. */
    static Split splitOfFile(int index) {
        return index % DEV_EVERY == DEV_EVERY - 1 ? Split.DEV : Split.TRAIN;
    }

    Arrangement arrangement() {
        return arrangement;
    }

    String reason() {
        return reason;
    }

    /** True for a file of this family that the corpus uses. */
    boolean contains(String fileName) {
        return fileName.startsWith(prefix + "_") && fileName.endsWith(".flac") && !EXCLUDED_FILES.contains(fileName);
    }
}

package io.tagstream.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Turns sonic-pi samples into music or noise, by each family's {@link SonicPiFamily.Arrangement}: percussion and
 * bass on a shared beat grid (a groove), guitar phrases one after another, loops back to back; noise families
 * scattered at irregular times. With a hit detune of N semitones, each groove voice, each loop and each scattered
 * hit is transposed by a random whole number of semitones in [-N, N] (pitch and length together): a few dozen
 * one-shots then sound like many more drums, so a model cannot learn the files instead of the beat. Converted
 * samples are kept in a bounded cache (results do not depend on it).
 */
final class SonicPiArranger {

    private static final int CACHE_ENTRIES = 256;
    private static final int[] RIFF_SEMITONES = {0, 0, 3, 5, 7, 10, 12, -2};
    private static final int[] PHRASE_SEMITONES = {-5, -3, 0, 0, 2, 4, 5};

    private final Sox sox;
    private final SplitSources sources;
    private final int hitDetune;
    private final Map<String, float[]> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    /** @param hitDetune most semitones a groove voice, loop or scattered hit is transposed by (0: none) */
    SonicPiArranger(Sox sox, SplitSources sources, int hitDetune) {
        this.sox = sox;
        this.sources = sources;
        this.hitDetune = hitDetune;
    }

    private int detune(Random r) {
        return transposition(hitDetune, r);
    }

    /**
     * A random whole number of semitones in [-range, range], uniform; 0 without drawing from {@code r} when
     * {@code range} is 0, so a corpus made without detune is the one this generator made before it had any.
     */
    static int transposition(int range, Random r) {
        return range == 0 ? 0 : r.nextInt(2 * range + 1) - range;
    }

    boolean hasMusic() {
        return !sources.sonicPi(SoundClass.MUSIC).isEmpty();
    }

    boolean hasNoise() {
        return !sources.sonicPi(SoundClass.NOISE).isEmpty();
    }

    /** {@code seconds} of music from this split's music families. */
    RenderedSound music(double seconds, Augmentation aug, Random r) {
        Map<SonicPiFamily, List<Path>> families = sources.sonicPi(SoundClass.MUSIC);
        List<SonicPiFamily.Arrangement> kinds = new ArrayList<>(new TreeSet<>(
                families.keySet().stream().map(SonicPiFamily::arrangement)
                        .map(a -> a == SonicPiFamily.Arrangement.PITCHED ? SonicPiFamily.Arrangement.PERCUSSION : a)
                        .toList()));
        Piece piece = new Piece(new MixBuffer((int) Math.round(seconds * Sox.RATE)), new TreeSet<>(), aug);
        switch (kinds.get(r.nextInt(kinds.size()))) {
            case PHRASE -> phrases(piece, filesOf(families, SonicPiFamily.Arrangement.PHRASE), r);
            case LOOP -> loops(piece, filesOf(families, SonicPiFamily.Arrangement.LOOP), r);
            default -> groove(piece, families, r);
        }
        return piece.result();
    }

    /** {@code seconds} of hits from this split's noise families at irregular times. */
    RenderedSound noise(double seconds, Augmentation aug, Random r) {
        List<Path> files = new ArrayList<>();
        sources.sonicPi(SoundClass.NOISE).values().forEach(files::addAll);
        List<Path> chosen = new ArrayList<>();
        int count = 2 + r.nextInt(4);
        for (int i = 0; i < count; i++) {
            chosen.add(files.get(r.nextInt(files.size())));
        }
        Piece piece = new Piece(new MixBuffer((int) Math.round(seconds * Sox.RATE)), new TreeSet<>(), aug);
        ScatteredHits.place(piece.out, chosen.size(), k -> piece.load(chosen.get(k), detune(r)), r);
        return piece.result();
    }

    /** A piece being arranged: its output, the sources it used, and the scene's augmentation. */
    private final class Piece {
        final MixBuffer out;
        final TreeSet<String> used;
        final Augmentation aug;

        Piece(MixBuffer out, TreeSet<String> used, Augmentation aug) {
            this.out = out;
            this.used = used;
            this.aug = aug;
        }

        /** The file at the corpus rate, transposed by {@code semitones}, with the scene's speed and pitch. */
        float[] load(Path file, int semitones) {
            used.add(SourceIds.sonicPi(file));
            List<String> effects = new ArrayList<>();
            if (semitones != 0) {
                effects.addAll(List.of("speed", String.format(Locale.ROOT, "%.6f", Math.pow(2, semitones / 12.0))));
            }
            effects.addAll(aug.loadEffects());
            String key = file + " " + String.join(" ", effects);
            float[] x = cache.get(key);
            if (x == null) {
                x = Loudness.peakLimited(sox.load(file, effects), 1.0);
                cache.put(key, x);
            }
            return x;
        }

        RenderedSound result() {
            return new RenderedSound(Loudness.peakLimited(out.samples(), 0.5), List.copyOf(used));
        }
    }

    private void groove(Piece piece, Map<SonicPiFamily, List<Path>> families, Random r) {
        int step = Rhythm.stepSamples(80 + 70 * r.nextDouble());
        List<Path> percussion = filesOf(families, SonicPiFamily.Arrangement.PERCUSSION);
        List<Path> bass = filesOf(families, SonicPiFamily.Arrangement.PITCHED);
        if (!percussion.isEmpty()) {
            Rhythm.Role[] roles = {Rhythm.Role.DOWNBEAT, Rhythm.Role.BACKBEAT, Rhythm.Role.DRIVE, Rhythm.Role.MOTIF};
            int voices = 2 + r.nextInt(3);
            for (int v = 0; v < voices; v++) {
                float[] hit = piece.load(percussion.get(r.nextInt(percussion.size())), detune(r));
                Rhythm.Role role = roles[v % roles.length];
                Rhythm.play(piece.out, hit, Rhythm.pattern(role, r), step, Loudness.amplitude(-8 * r.nextDouble()), r);
            }
        }
        if (!bass.isEmpty() && (percussion.isEmpty() || r.nextDouble() < 0.6)) {
            riff(piece, bass.get(r.nextInt(bass.size())), step, r);
        }
    }

    /** A two-bar bass riff on eighth notes, repeated; each note cut to its slot with a short fade. */
    private void riff(Piece piece, Path file, int step, Random r) {
        int[] notes = new int[Rhythm.STEPS];
        for (int i = 0; i < notes.length; i++) {
            notes[i] = r.nextDouble() < 0.75
                    ? RIFF_SEMITONES[r.nextInt(RIFF_SEMITONES.length)] - 12
                    : Integer.MIN_VALUE;
        }
        int slot = 2 * step;
        for (long at = 0, i = 0; at < piece.out.length(); at += slot, i++) {
            int semitones = notes[(int) (i % notes.length)];
            if (semitones != Integer.MIN_VALUE) {
                float[] note = piece.load(file, semitones);
                float[] cut = java.util.Arrays.copyOf(note, Math.min(note.length, slot));
                piece.out.add(Envelope.faded(cut, 32, 160), at, 0.8);
            }
        }
    }

    private void phrases(Piece piece, List<Path> files, Random r) {
        for (long at = 0; at < piece.out.length(); ) {
            Path file = files.get(r.nextInt(files.size()));
            float[] x = piece.load(file, PHRASE_SEMITONES[r.nextInt(PHRASE_SEMITONES.length)]);
            piece.out.add(x, at, Loudness.amplitude(-4 * r.nextDouble()));
            at += Math.max(Sox.RATE / 4, (long) (x.length * (0.6 + 0.4 * r.nextDouble())));
        }
    }

    private void loops(Piece piece, List<Path> files, Random r) {
        for (long at = 0; at < piece.out.length(); ) {
            float[] loop = piece.load(files.get(r.nextInt(files.size())), detune(r));
            int repeats = 2 + r.nextInt(3);
            for (int i = 0; i < repeats && at < piece.out.length(); i++) {
                piece.out.add(loop, at, 1.0);
                at += Math.max(Sox.RATE / 4, loop.length);
            }
        }
    }

    private static List<Path> filesOf(Map<SonicPiFamily, List<Path>> families, SonicPiFamily.Arrangement arrangement) {
        List<Path> files = new ArrayList<>();
        families.forEach((family, list) -> {
            if (family.arrangement() == arrangement) {
                files.addAll(list);
            }
        });
        return files;
    }
}

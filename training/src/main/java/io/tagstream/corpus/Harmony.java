package io.tagstream.corpus;

import java.util.List;
import java.util.Random;

/**
 * A key and a four-chord progression, in MIDI note numbers, for the sox synth music styles.
 *
 * @param root   MIDI note of the key's tonic (48..59: C3..B3)
 * @param minor  natural minor instead of major
 * @param chords the progression: each chord a triad of MIDI notes (root position)
 */
record Harmony(int root, boolean minor, List<int[]> chords) {

    private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    private static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};
    private static final int[][] MAJOR_PROGRESSIONS = {{0, 4, 5, 3}, {0, 3, 4, 0}, {0, 5, 3, 4}, {1, 4, 0, 5}};
    private static final int[][] MINOR_PROGRESSIONS = {{0, 5, 2, 6}, {0, 3, 4, 0}, {0, 6, 5, 6}, {0, 3, 6, 2}};

    Harmony {
        chords = List.copyOf(chords);
    }

    /** A random key (major or minor) and one of four common progressions in it. */
    static Harmony random(Random r) {
        int root = 48 + r.nextInt(12);
        boolean minor = r.nextBoolean();
        int[][] progressions = minor ? MINOR_PROGRESSIONS : MAJOR_PROGRESSIONS;
        int[] degrees = progressions[r.nextInt(progressions.length)];
        int[] scale = minor ? MINOR : MAJOR;
        List<int[]> chords = new java.util.ArrayList<>();
        for (int d : degrees) {
            chords.add(new int[] {note(root, scale, d), note(root, scale, d + 2), note(root, scale, d + 4)});
        }
        return new Harmony(root, minor, chords);
    }

    /** The MIDI note of scale degree {@code degree} (may exceed 6: next octaves). */
    int scaleNote(int degree) {
        return note(root, minor ? MINOR : MAJOR, degree);
    }

    /** Frequency in Hz of a MIDI note (A4 = 69 = 440 Hz). */
    static double hz(int midi) {
        return 440 * Math.pow(2, (midi - 69) / 12.0);
    }

    private static int note(int root, int[] scale, int degree) {
        int octave = Math.floorDiv(degree, scale.length);
        return root + 12 * octave + scale[Math.floorMod(degree, scale.length)];
    }
}

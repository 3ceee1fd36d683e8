package io.tagstream.corpus;

import java.util.Random;

/**
 * Bar patterns on a 16-step grid (sixteenth notes of a 4/4 bar) and their playback: what turns one-shots into a
 * groove. A pattern repeats every bar, with a random fill (one step toggled) now and then, so it is regular but
 * not mechanical.
 */
final class Rhythm {

    static final int STEPS = 16;

    /** The part a sound plays in a groove. */
    enum Role {
        /** on 1 and 3 plus a few syncopations (kick) */
        DOWNBEAT,
        /** on 2 and 4 (snare, clap) */
        BACKBEAT,
        /** every eighth or sixteenth with a few rests (hats, shakers) */
        DRIVE,
        /** a sparse random motif (toms, tabla strokes, bass notes) */
        MOTIF
    }

    private Rhythm() {
    }

    /** A random one-bar pattern for {@code role}: true where the sound plays. */
    static boolean[] pattern(Role role, Random r) {
        boolean[] p = new boolean[STEPS];
        switch (role) {
            case DOWNBEAT -> {
                p[0] = true;
                p[8] = true;
                for (int s : new int[] {3, 6, 10, 14}) {
                    p[s] = r.nextDouble() < 0.3;
                }
            }
            case BACKBEAT -> {
                p[4] = true;
                p[12] = true;
                p[7] = r.nextDouble() < 0.15;
                p[15] = r.nextDouble() < 0.15;
            }
            case DRIVE -> {
                int every = r.nextDouble() < 0.7 ? 2 : 1;
                for (int s = 0; s < STEPS; s += every) {
                    p[s] = r.nextDouble() < 0.9;
                }
            }
            case MOTIF -> {
                p[0] = true;
                for (int s = 1; s < STEPS; s++) {
                    p[s] = r.nextDouble() < (s % 2 == 0 ? 0.45 : 0.15);
                }
            }
        }
        return p;
    }

    /**
     * Plays {@code hit} on every step of {@code pattern}, bar after bar, across {@code out}; each hit at
     * {@code gain} times a velocity of 0.7..1, one bar in four with a fill.
     */
    static void play(MixBuffer out, float[] hit, boolean[] pattern, int stepSamples, double gain, Random r) {
        int bar = 0;
        for (long barStart = 0; barStart < out.length(); barStart += (long) STEPS * stepSamples, bar++) {
            boolean[] p = pattern;
            if (bar % 4 == 3 && r.nextDouble() < 0.5) {
                p = pattern.clone();
                int s = r.nextInt(STEPS);
                p[s] = !p[s];
            }
            for (int s = 0; s < STEPS; s++) {
                if (p[s]) {
                    out.add(hit, barStart + (long) s * stepSamples, gain * (0.7 + 0.3 * r.nextDouble()));
                }
            }
        }
    }

    /** Samples per sixteenth note at {@code bpm} beats (quarter notes) per minute. */
    static int stepSamples(double bpm) {
        return (int) Math.round(Sox.RATE * 60.0 / bpm / 4);
    }
}

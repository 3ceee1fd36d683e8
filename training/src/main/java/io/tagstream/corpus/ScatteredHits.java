package io.tagstream.corpus;

import java.util.Random;
import java.util.function.IntFunction;

/**
 * Short sounds at irregular times, as noise: gaps exponentially distributed around a mean of 0.1..0.8 s (at least
 * 20 ms), each hit at 0..-10 dB. Nothing periodic, so no beat for the ear (or a model) to call music.
 */
final class ScatteredHits {

    private static final int MAX_HITS = 10_000;

    private ScatteredHits() {
    }

    /**
     * Fills {@code out} with hits, each one of {@code kinds} sounds drawn uniformly.
     *
     * @param hit the sound of kind k, at the corpus rate
     */
    static void place(MixBuffer out, int kinds, IntFunction<float[]> hit, Random r) {
        double meanGap = 0.1 + 0.7 * r.nextDouble();
        long at = (long) (r.nextDouble() * meanGap * Sox.RATE);
        for (int hits = 0; at < out.length() && hits < MAX_HITS; hits++) {
            float[] x = hit.apply(r.nextInt(kinds));
            out.add(x, at, Loudness.amplitude(-10 * r.nextDouble()));
            at += (long) (-Math.log(1 - r.nextDouble()) * meanGap * Sox.RATE) + Sox.RATE / 50;
        }
    }
}

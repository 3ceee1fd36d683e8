package io.tagstream.corpus;

/**
 * Where a sound is audible, per label frame. This is the labelling rule's notion of "present":
 * <ul>
 *   <li>a frame is <b>active</b> when its RMS is at least {@link #FLOOR_DBFS} and at most {@link #RANGE_DB} below
 *       the sound's loudest frame (so a sound's own faint tails and recording noise do not count);</li>
 *   <li>inside a class, inactive runs of at most a class-specific length between active frames are
 *       <b>bridged</b> (pauses between words are still speech, rests between notes still music);</li>
 *   <li>speech utterances are <b>trimmed</b> to their first..last active frame before mixing, so their labels are
 *       tight and no prompt brings its own leading or trailing silence.</li>
 * </ul>
 */
final class Activity {

    /** Frames quieter than this (RMS, dBFS) are never active. */
    static final double FLOOR_DBFS = -60;
    /** Frames more than this many dB below the sound's loudest frame are not active. */
    static final double RANGE_DB = 40;

    private Activity() {
    }

    /** Active frames of a signal given its per-frame mean squares. */
    static boolean[] activeFrames(double[] meanSquare) {
        double loudest = 0;
        for (double m : meanSquare) {
            loudest = Math.max(loudest, m);
        }
        double threshold = Math.max(Math.pow(10, FLOOR_DBFS / 10), loudest * Math.pow(10, -RANGE_DB / 10));
        boolean[] active = new boolean[meanSquare.length];
        for (int f = 0; f < meanSquare.length; f++) {
            active[f] = meanSquare[f] > 0 && meanSquare[f] >= threshold;
        }
        return active;
    }

    /** A copy of {@code active} with inactive runs of at most {@code maxGap} frames between active frames filled. */
    static boolean[] bridged(boolean[] active, int maxGap) {
        boolean[] out = active.clone();
        int lastActive = -1;
        for (int f = 0; f < active.length; f++) {
            if (active[f]) {
                int gap = f - lastActive - 1;
                if (lastActive >= 0 && gap > 0 && gap <= maxGap) {
                    java.util.Arrays.fill(out, lastActive + 1, f, true);
                }
                lastActive = f;
            }
        }
        return out;
    }

    /** {@code x} cut to its first..last active frame (empty if nothing is active). */
    static float[] trimmed(float[] x) {
        boolean[] active = activeFrames(FrameEnergy.ofSignal(x));
        int first = 0;
        while (first < active.length && !active[first]) {
            first++;
        }
        int last = active.length - 1;
        while (last >= first && !active[last]) {
            last--;
        }
        if (first > last) {
            return new float[0];
        }
        int from = first * FrameEnergy.FRAME;
        int to = Math.min(x.length, (last + 1) * FrameEnergy.FRAME);
        return java.util.Arrays.copyOfRange(x, from, to);
    }
}

package io.tagstream.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * The no-score zone around reference boundaries. Frame {@code k} spans {@code [k, k+1) * hop}. A <em>boundary</em> is a
 * frame edge {@code b} (0 &lt; b &lt; T, at time {@code b * hop}) where the reference label of frame {@code b - 1}
 * differs from that of frame {@code b}; an unlabelled frame counts as a label of its own here, so the edges of
 * unlabelled stretches are boundaries too. The start and the end of the recording are not boundaries.
 *
 * <p>A collar of {@code c} ms excludes every frame that overlaps the open interval {@code (b*hop - c, b*hop + c)}:
 * with {@code n = ceil(c / hop)}, the frames {@code b - n .. b + n - 1} (clipped to the recording). With the default
 * 100 ms collar and 10 ms frames that is the 10 frames before and the 10 frames after each boundary; zones of nearby
 * boundaries overlap, and a collar of 0 excludes nothing.
 */
public final class CollarMask {

    private CollarMask() {
    }

    /** {@code n = ceil(collarMillis / hopMillis)}: frames excluded on each side of a boundary. */
    public static int framesPerSide(double collarMillis, double hopMillis) {
        if (!(collarMillis >= 0) || Double.isInfinite(collarMillis) || !(hopMillis > 0)) {
            throw new IllegalArgumentException("collar must be >= 0 ms and hop > 0 ms, got " + collarMillis + " and "
                    + hopMillis);
        }
        // the tiny slack keeps e.g. 100 / 10 from becoming 11 through rounding of non-integer hops
        return (int) Math.ceil(collarMillis / hopMillis - 1e-9);
    }

    /** The boundaries of {@code reference} ({@code [T]} label indices, any negative value = unlabelled), ascending. */
    public static List<Integer> boundaries(int[] reference) {
        List<Integer> edges = new ArrayList<>();
        for (int b = 1; b < reference.length; b++) {
            if (labelOf(reference[b - 1]) != labelOf(reference[b])) {
                edges.add(b);
            }
        }
        return edges;
    }

    /** {@code [T]}: true for the frames inside the collar of some boundary of {@code reference}. */
    public static boolean[] inCollar(int[] reference, int framesPerSide) {
        if (framesPerSide < 0) {
            throw new IllegalArgumentException("collar frames must be >= 0, got " + framesPerSide);
        }
        boolean[] excluded = new boolean[reference.length];
        for (int b : boundaries(reference)) {
            int from = Math.max(0, b - framesPerSide);
            int to = Math.min(reference.length, b + framesPerSide);
            for (int k = from; k < to; k++) {
                excluded[k] = true;
            }
        }
        return excluded;
    }

    /** All negative values are one "unlabelled" label. */
    private static int labelOf(int value) {
        return Math.max(value, -1);
    }
}

package io.tagstream.corpus;

/**
 * Per-clip seeds derived from the corpus seed, so clip k of a split is the same whatever the corpus size:
 * {@code mix64(mix64(seed + split) + k)} with SplitMix64's finaliser, which spreads neighbouring inputs over the
 * whole 64-bit range.
 */
public final class ClipSeeds {

    private ClipSeeds() {
    }

    /** The seed of clip {@code index} (1-based) of {@code split}. */
    public static long of(long corpusSeed, Split split, int index) {
        if (index < 1) {
            throw new IllegalArgumentException("clip index is 1-based, got " + index);
        }
        return mix64(mix64(corpusSeed + 0x9E37_79B9_7F4A_7C15L * (split.ordinal() + 1)) + index);
    }

    /** SplitMix64's output function (Steele, Lea, Flood 2014). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}

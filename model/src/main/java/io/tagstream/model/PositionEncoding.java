package io.tagstream.model;

/**
 * How attention learns where a key sits relative to its query. Both forms depend only on the offset {@code s - t}
 * between key frame {@code s} and query frame {@code t}, never on how long the stream has run (PRODUCT.md invariant 3).
 */
public enum PositionEncoding {
    /**
     * Rotary position embedding: query and key of each head are rotated pairwise by angles proportional to their
     * positions, so their dot product depends on the offset only (the angles are composed in double, so that a
     * stream's age costs no precision; see {@link RotaryTable}).
     */
    ROTARY,
    /** A learned additive bias per head and per offset {@code -L..R}, added to the attention scores. */
    RELATIVE_BIAS
}

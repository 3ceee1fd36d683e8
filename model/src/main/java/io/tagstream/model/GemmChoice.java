package io.tagstream.model;

/** Which matrix-multiply implementation the encoder uses for its projections. */
public enum GemmChoice {
    /** Plain Java below a work threshold, ND4J above it (the default; see {@link AdaptiveGemm}). */
    ADAPTIVE,
    /** Always plain Java loops. */
    JAVA,
    /** Always ND4J BLAS. */
    ND4J,
    /**
     * ND4J BLAS in calls of exactly {@value FixedBlockGemm#ND4J_BLOCK} rows ({@link FixedBlockGemm}): a row's bits do not
     * depend on how rows are batched.
     */
    ND4J_FIXED_BLOCK
}

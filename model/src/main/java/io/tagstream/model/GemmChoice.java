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
     * ND4J BLAS in a row layout that {@link RowInvariance} found row-invariant on this machine ({@link SlottedGemm}):
     * a row's bits do not depend on how rows are batched. The streams app's engine.
     */
    ND4J_ROW_INVARIANT
}

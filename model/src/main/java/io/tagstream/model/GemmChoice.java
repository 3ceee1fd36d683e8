package io.tagstream.model;

/** Which matrix-multiply implementation the encoder uses for its projections. */
public enum GemmChoice {
    /** Plain Java below a work threshold, ND4J above it (the default; see {@link AdaptiveGemm}). */
    ADAPTIVE,
    /** Always plain Java loops. */
    JAVA,
    /** Always ND4J BLAS. */
    ND4J
}

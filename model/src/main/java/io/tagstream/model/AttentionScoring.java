package io.tagstream.model;

/**
 * The relevance function of query {@code q} and key {@code k} (per head, both {@code [d_k]}), the two of the
 * self-attention lecture.
 */
public enum AttentionScoring {

    /** {@code q · k / sqrt(d_k)}: one dot product per pair, what the GEMMs of a Transformer are built around. */
    DOT_PRODUCT,

    /**
     * {@code w · tanh(q + k)}, with a trained {@code w [d_k]} per head (Bahdanau's additive attention; the query and
     * key projections are the block's own): {@code d_k} tanh per pair, so several times the cost of a dot product.
     */
    ADDITIVE
}

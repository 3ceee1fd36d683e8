package io.tagstream.model;

/** Where each encoder block applies its two LayerNorms. */
public enum NormPlacement {
    /**
     * {@code h = x + attn(norm1(x)); y = h + ffn(norm2(h))}, and a final LayerNorm before the classifier.
     * The default: trains stably without warm-up tricks.
     */
    PRE_NORM,
    /** The original Transformer: {@code h = norm1(x + attn(x)); y = norm2(h + ffn(h))}; no final LayerNorm. */
    POST_NORM
}

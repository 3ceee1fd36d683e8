package io.tagstream.model;

/**
 * One Transformer encoder block. Pre-norm (default):
 * <pre>
 *   h = x + out(attention(qkv(norm1(x))))
 *   y = h + ffn(norm2(h))
 * </pre>
 * Post-norm:
 * <pre>
 *   h = norm1(x + out(attention(qkv(x))))
 *   y = norm2(h + ffn(h))
 * </pre>
 * The block runs in two halves so that many streams' rows can share each matrix multiply: {@link #project} turns
 * newly arrived rows into queries/keys/values (kept by the caller for later queries), {@link #finish} turns the
 * attention context of the rows being output into the block's output. Attention itself sits in between, per stream,
 * in {@link #attention()}.
 */
final class EncoderBlock {

    private final NormPlacement placement;
    private final LayerNorm attentionNorm;
    private final Linear queryKeyValue;   // [d, 3d]
    private final BandedAttention attention;
    private final Linear out;             // [d, d]
    private final LayerNorm ffnNorm;
    private final FeedForward feedForward;
    private final int modelDims;

    EncoderBlock(EncoderConfig config, AttentionSpan span, BlockWeights weights) {
        this.placement = config.normPlacement();
        this.attentionNorm = new LayerNorm(weights.attentionNormGain(), weights.attentionNormBias());
        this.queryKeyValue = new Linear(weights.qkvWeight(), weights.qkvBias());
        this.attention = new BandedAttention(config, span, weights.relativeBias(), weights.additiveScore());
        this.out = new Linear(weights.outWeight(), weights.outBias());
        this.ffnNorm = new LayerNorm(weights.ffnNormGain(), weights.ffnNormBias());
        this.feedForward = new FeedForward(new Linear(weights.ffnUpWeight(), weights.ffnUpBias()),
                config.activation(), new Linear(weights.ffnDownWeight(), weights.ffnDownBias()));
        this.modelDims = config.modelDims();
    }

    BandedAttention attention() {
        return attention;
    }

    /** {@code qkv[rows, 3d]} (in the workspace) of the input rows {@code x[rows, d]}. */
    RowBlock project(Gemm gemm, RowBlock x, Workspace ws) {
        int rows = x.rows();
        RowBlock qkv = RowBlock.of(ws.qkv(rows), 0, rows, 3 * modelDims);
        if (placement == NormPlacement.PRE_NORM) {
            RowBlock normed = RowBlock.of(ws.normed(rows), 0, rows, modelDims);
            attentionNorm.apply(x, normed);
            queryKeyValue.forward(gemm, normed, qkv);
        } else {
            queryKeyValue.forward(gemm, x, qkv);
        }
        return qkv;
    }

    /**
     * The block's output {@code y[rows, d]} for rows with inputs {@code x[rows, d]} and attention context
     * {@code context[rows, d]}. {@code y} must not overlap {@code x} or {@code context}.
     */
    void finish(Gemm gemm, RowBlock x, RowBlock context, RowBlock y, Workspace ws) {
        int rows = x.rows();
        RowBlock attended = RowBlock.of(ws.attended(rows), 0, rows, modelDims);
        RowBlock hidden = RowBlock.of(ws.hidden(rows), 0, rows, feedForward.hiddenDims());
        out.forward(gemm, context, attended);
        add(x, attended, y);                                // h = x + attention
        if (placement == NormPlacement.PRE_NORM) {
            RowBlock normed = RowBlock.of(ws.normed(rows), 0, rows, modelDims);
            ffnNorm.apply(y, normed);
            feedForward.forward(gemm, normed, hidden, attended);
            add(y, attended, y);                            // h + ffn(norm2(h))
        } else {
            attentionNorm.apply(y, y);                      // h = norm1(x + attention)
            feedForward.forward(gemm, y, hidden, attended);
            add(y, attended, y);
            ffnNorm.apply(y, y);                            // norm2(h + ffn(h))
        }
    }

    /** {@code sum = a + b}, row by row; {@code sum} may be {@code a}. */
    private static void add(RowBlock a, RowBlock b, RowBlock sum) {
        float[] x = a.data();
        float[] z = b.data();
        float[] s = sum.data();
        for (int r = 0; r < a.rows(); r++) {
            int i = a.start(r);
            int j = b.start(r);
            int k = sum.start(r);
            for (int c = 0; c < a.width(); c++) {
                s[k + c] = x[i + c] + z[j + c];
            }
        }
    }
}

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

    /** {@code qkv[rows, 3d]} (workspace) of input rows {@code x[rows, d]} read from {@code xOffset}. */
    float[] project(Gemm gemm, float[] x, int xOffset, int rows, Workspace ws) {
        float[] qkv = ws.qkv(rows);
        if (placement == NormPlacement.PRE_NORM) {
            float[] normed = ws.normed(rows);
            attentionNorm.apply(x, xOffset, rows, normed, 0);
            queryKeyValue.forward(gemm, normed, 0, rows, qkv, 0);
        } else {
            queryKeyValue.forward(gemm, x, xOffset, rows, qkv, 0);
        }
        return qkv;
    }

    /**
     * The block's output {@code y[rows, d]} (written from {@code yOffset}) for rows with inputs {@code x[rows, d]}
     * (from {@code xOffset}) and attention context {@code context[rows, d]} (from 0). {@code y} must not overlap
     * {@code x} or {@code context}.
     */
    void finish(Gemm gemm, float[] x, int xOffset, float[] context, int rows, float[] y, int yOffset, Workspace ws) {
        float[] attended = ws.attended(rows);           // [rows, d]
        float[] hidden = ws.hidden(rows);               // [rows, F]
        out.forward(gemm, context, 0, rows, attended, 0);
        add(x, xOffset, attended, rows, y, yOffset);    // x + attention
        if (placement == NormPlacement.PRE_NORM) {
            float[] normed = ws.normed(rows);
            ffnNorm.apply(y, yOffset, rows, normed, 0);
            feedForward.forward(gemm, normed, 0, rows, hidden, attended);
            add(y, yOffset, attended, rows, y, yOffset);                 // h + ffn(norm2(h))
        } else {
            attentionNorm.apply(y, yOffset, rows, y, yOffset);           // h = norm1(x + attention)
            feedForward.forward(gemm, y, yOffset, rows, hidden, attended);
            add(y, yOffset, attended, rows, y, yOffset);
            ffnNorm.apply(y, yOffset, rows, y, yOffset);                 // norm2(h + ffn(h))
        }
    }

    /** {@code sum[rows, d] = a[rows, d] + b[rows, d]} ({@code b} from offset 0); {@code sum} may be {@code a}. */
    private void add(float[] a, int aOffset, float[] b, int rows, float[] sum, int sumOffset) {
        int n = rows * modelDims;
        for (int i = 0; i < n; i++) {
            sum[sumOffset + i] = a[aOffset + i] + b[i];
        }
    }
}

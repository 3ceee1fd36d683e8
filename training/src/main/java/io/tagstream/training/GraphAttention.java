package io.tagstream.training;

import io.tagstream.model.EncoderConfig;
import io.tagstream.model.PositionEncoding;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Truncated multi-head attention over a crop of {@code T} frames as SameDiff ops, the math of the inference engine's
 * {@code BandedAttention}: per head, {@code softmax(score + bias + mask) v}, the score {@code q k^T / sqrt(d_k)}, or
 * additive {@code w · tanh(q_t + k_s)} for every pair (a {@code [B, H, T, T, d_k]} tensor: memory grows with
 * {@code T^2 d_k}, so additive crops want fewer frames or a smaller batch). The additive band mask is 0
 * for keys {@code s in [t - L, t + R]} and {@link #MASKED} elsewhere, so those keys get weight exactly 0 (as in the
 * inference engine, where they are never scored). Positions enter only as offsets: through rotated queries and keys
 * ({@link GraphRotary}) or a learned bias per head and offset, gathered into {@code [H, T, T]} by a constant one-hot
 * selector (a matrix product, so its gradient is exact; ND4J's gather gradient mishandles repeated indices).
 * ND4J's own attention ops reject {@code [T, T]} masks, hence mmul + mask + softmax.
 */
final class GraphAttention {

    /** Added to the scores of keys outside the band: exp of it underflows to exactly 0 in float and double. */
    static final double MASKED = -1e9;

    private final int frames;
    private final int heads;
    private final int headDims;
    private final int modelDims;
    private final SDVariable mask;             // [T, T] 0 inside the band, MASKED outside
    private final SDVariable offsetSelector;   // [W, T*T] one-hot: row (s - t + L) of column (t, s); RELATIVE_BIAS only
    private final GraphRotary rotary;          // ROTARY only

    GraphAttention(SameDiff sd, EncoderConfig config, int frames, DataType type) {
        this.frames = frames;
        this.heads = config.heads();
        this.headDims = config.headDims();
        this.modelDims = config.modelDims();
        int spanWidth = config.trainedSpan().width();
        int left = config.leftContext();
        int right = config.rightContext();
        double[][] band = new double[frames][frames];
        for (int t = 0; t < frames; t++) {
            for (int s = 0; s < frames; s++) {
                band[t][s] = s - t >= -left && s - t <= right ? 0.0 : MASKED;
            }
        }
        this.mask = sd.constant(sd.generateNewVarName("band_mask", 0), GraphRotary.matrix(band, type));
        if (config.positionEncoding() == PositionEncoding.RELATIVE_BIAS) {
            double[][] selector = new double[spanWidth][frames * frames];
            for (int t = 0; t < frames; t++) {
                for (int s = Math.max(0, t - left); s <= Math.min(frames - 1, t + right); s++) {
                    selector[s - t + left][t * frames + s] = 1.0;
                }
            }
            this.offsetSelector = sd.constant(sd.generateNewVarName("offset_selector", 0),
                    GraphRotary.matrix(selector, type));
            this.rotary = null;
        } else {
            this.offsetSelector = null;
            this.rotary = new GraphRotary(sd, frames, heads, headDims, type);
        }
    }

    /**
     * The concatenated head outputs {@code [B*T, d]} of a fused projection {@code qkv [B*T, 3d]} (columns: queries,
     * keys, values; head h at columns h*dk of each third); {@code relativeBias [H, W]} or null for rotary positions;
     * {@code additive [H, dk]} or null for dot-product scores.
     */
    SDVariable apply(SameDiff sd, SDVariable qkv, SDVariable relativeBias, SDVariable additive) {
        SDVariable[] parts = sd.split(qkv, 3, 1);                   // 3 x [B*T, d]
        SDVariable queries = parts[0];
        SDVariable keys = parts[1];
        if (rotary != null) {
            queries = rotary.rotate(sd, queries);
            keys = rotary.rotate(sd, keys);
        }
        SDVariable q = heads(sd, queries);                          // [B, H, T, dk]
        SDVariable k = heads(sd, keys);                             // [B, H, T, dk]
        SDVariable v = heads(sd, parts[2]);                         // [B, H, T, dk]
        SDVariable scores = (additive == null ? sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(headDims))
                : additiveScores(sd, q, k, additive)).add(mask);    // [B, H, T, T]
        if (relativeBias != null) {
            SDVariable bias = sd.reshape(relativeBias.mmul(offsetSelector), heads, frames, frames); // [H, T, T]
            scores = scores.add(bias);
        }
        SDVariable weights = sd.nn().softmax(scores, 3);            // [B, H, T, T]
        SDVariable context = sd.mmul(weights, v);                   // [B, H, T, dk]
        return sd.reshape(sd.permute(context, 0, 2, 1, 3), -1, modelDims); // [B*T, d]
    }

    /** {@code scores[b, h, t, s] = w_h · tanh(q[b, h, t] + k[b, h, s])}. */
    private SDVariable additiveScores(SameDiff sd, SDVariable q, SDVariable k, SDVariable additive) {
        SDVariable pairs = sd.math().tanh(sd.expandDims(q, 3).add(sd.expandDims(k, 2)));  // [B, H, T, T, dk]
        SDVariable w = sd.reshape(additive, 1, heads, 1, 1, headDims);                    // [1, H, 1, 1, dk]
        return pairs.mul(w).sum(4);                                                       // [B, H, T, T]
    }

    /** {@code [B*T, d] -> [B, H, T, dk]}. */
    private SDVariable heads(SameDiff sd, SDVariable x) {
        return sd.permute(sd.reshape(x, -1, frames, heads, headDims), 0, 2, 1, 3);
    }
}

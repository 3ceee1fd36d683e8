package io.tagstream.model;

import java.util.Arrays;

/**
 * Truncated multi-head scaled dot-product attention: the query of row {@code r} attends, per head, to the key rows
 * {@code [r - left, r + right]} that exist in the buffer, {@code softmax(q k^T / sqrt(d_k) + bias) v}. Keys outside
 * the band get no score at all (weight exactly 0). Work and memory per query are O(left + right), never O(T).
 * Positions enter only as the row offset {@code s - r}: through the rotated queries/keys of the buffer or the learned
 * relative bias.
 */
final class BandedAttention {

    private final int heads;
    private final int headDims;
    private final int modelDims;
    private final AttentionSpan span;
    private final float scale;            // 1 / sqrt(d_k)
    private final float[] relativeBias;   // [heads, trainedWidth], or null
    private final int biasStride;         // trained L + R + 1
    private final int biasZero;           // column of offset 0 = trained L

    BandedAttention(EncoderConfig config, AttentionSpan span, WeightTensor relativeBias) {
        this.heads = config.heads();
        this.headDims = config.headDims();
        this.modelDims = config.modelDims();
        this.span = span;
        this.scale = (float) (1.0 / Math.sqrt(headDims));
        this.relativeBias = relativeBias == null ? null : relativeBias.values();
        this.biasStride = config.trainedSpan().width();
        this.biasZero = config.leftContext();
    }

    AttentionSpan span() {
        return span;
    }

    /**
     * Writes {@code context[queryTo - queryFrom, d]} (from {@code contextOffset}) for query rows
     * {@code [queryFrom, queryTo)} of {@code kv}. {@code scores} holds at least {@code span.width()} values. When
     * {@code probe} is not null, row {@code probeRow}'s weights are written to it as {@code [heads, width]}, column
     * {@code j} for offset {@code j - left}, zero where no key exists.
     */
    void attend(KeyValueBuffer kv, int queryFrom, int queryTo, float[] context, int contextOffset, float[] scores,
                int probeRow, float[] probe) {
        int left = span.left();
        int right = span.right();
        for (int r = queryFrom; r < queryTo; r++) {
            int first = Math.max(0, r - left);
            int end = Math.min(kv.rows(), r + right + 1);
            int out = contextOffset + (r - queryFrom) * modelDims;
            for (int h = 0; h < heads; h++) {
                scoreKeys(kv, r, h, first, end, scores);
                Softmax.inPlace(scores, 0, end - first);
                mixValues(kv, h, first, end, scores, context, out + h * headDims);
                if (probe != null && r == probeRow) {
                    int column = h * span.width();
                    Arrays.fill(probe, column, column + span.width(), 0f);
                    System.arraycopy(scores, 0, probe, column + first - r + left, end - first);
                }
            }
        }
    }

    /** {@code scores[s - first] = q_r · k_s / sqrt(d_k) (+ bias[s - r])} for key rows {@code s in [first, end)}. */
    private void scoreKeys(KeyValueBuffer kv, int r, int h, int first, int end, float[] scores) {
        int n = end - first;
        float[] queries = kv.queries();
        float[] keys = kv.keys();                // [heads, d_k, capacity]
        int capacity = kv.capacity();
        Arrays.fill(scores, 0, n, 0f);
        int query = r * modelDims + h * headDims;
        int j = 0;
        for (; j + 4 <= headDims; j += 4) {      // four key dimensions per pass over the band
            float q0 = queries[query + j] * scale;
            float q1 = queries[query + j + 1] * scale;
            float q2 = queries[query + j + 2] * scale;
            float q3 = queries[query + j + 3] * scale;
            int k0 = (h * headDims + j) * capacity + first;
            int k1 = k0 + capacity;
            int k2 = k1 + capacity;
            int k3 = k2 + capacity;
            for (int i = 0; i < n; i++) {
                scores[i] += q0 * keys[k0 + i] + q1 * keys[k1 + i] + q2 * keys[k2 + i] + q3 * keys[k3 + i];
            }
        }
        for (; j < headDims; j++) {
            float q = queries[query + j] * scale;
            int k = (h * headDims + j) * capacity + first;
            for (int i = 0; i < n; i++) {
                scores[i] += q * keys[k + i];
            }
        }
        if (relativeBias != null) {
            int bias = h * biasStride + biasZero + (first - r);
            for (int i = 0; i < n; i++) {
                scores[i] += relativeBias[bias + i];
            }
        }
    }

    /** {@code context[out, out + d_k) = sum_s weights[s - first] * v_s} over head {@code h}'s slice. */
    private void mixValues(KeyValueBuffer kv, int h, int first, int end, float[] weights, float[] context, int out) {
        float[] values = kv.values();            // [capacity, d]
        Arrays.fill(context, out, out + headDims, 0f);
        int s = first;
        for (; s + 4 <= end; s += 4) {           // four keys per pass over the head's slice
            float w0 = weights[s - first];
            float w1 = weights[s - first + 1];
            float w2 = weights[s - first + 2];
            float w3 = weights[s - first + 3];
            int v0 = s * modelDims + h * headDims;
            int v1 = v0 + modelDims;
            int v2 = v1 + modelDims;
            int v3 = v2 + modelDims;
            for (int j = 0; j < headDims; j++) {
                context[out + j] += w0 * values[v0 + j] + w1 * values[v1 + j] + w2 * values[v2 + j]
                        + w3 * values[v3 + j];
            }
        }
        for (; s < end; s++) {
            float w = weights[s - first];
            int value = s * modelDims + h * headDims;
            for (int j = 0; j < headDims; j++) {
                context[out + j] += w * values[value + j];
            }
        }
    }
}

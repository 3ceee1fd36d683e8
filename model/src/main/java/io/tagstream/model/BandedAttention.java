package io.tagstream.model;

import java.util.Arrays;

/**
 * Truncated multi-head attention: a query at key-buffer row {@code r} attends, per head, to the key rows
 * {@code [r - left, r + right]} that exist, {@code softmax(score(q, k) + bias) v}, the score a scaled dot product
 * {@code q · k / sqrt(d_k)} or additive {@code w · tanh(q + k)} ({@link AttentionScoring}). Keys outside the
 * band get no score at all (weight exactly 0). Work and memory per query are O(left + right), never O(T). Positions
 * enter only through queries and keys rotated to their frames' positions ({@link RotaryTable}, done before they get
 * here) or through the learned bias of the row offset {@code s - r}.
 *
 * <p>Scores and the weighted sum of values run in {@link LaneKernels}: a query's scores against a band of keys side by
 * side (keys stored by dimension, {@link KeyValueBuffer}), and the weighted sum eight dimensions side by side, each
 * output summed in one fixed order (ascending dimension for a score, ascending key for a context value), so a
 * frame's bits depend on its own stream alone.
 */
final class BandedAttention {

    private final int heads;
    private final int headDims;
    private final int modelDims;
    private final AttentionSpan span;
    private final float scale;            // 1 / sqrt(d_k); 1 for additive scores
    private final float[] additive;       // [heads, d_k] w of w · tanh(q + k), or null for dot products
    private final float[] relativeBias;   // [heads, trainedWidth], or null
    private final int biasStride;         // trained L + R + 1
    private final int biasZero;           // column of offset 0 = trained L
    private final LaneKernels kernels = LaneKernels.fastest();

    BandedAttention(EncoderConfig config, AttentionSpan span, WeightTensor relativeBias, WeightTensor additive) {
        if ((config.scoring() == AttentionScoring.ADDITIVE) != (additive != null)) {
            throw new IllegalArgumentException("attention scoring " + config.scoring() + " needs "
                    + (additive == null ? "its additive weights" : "no additive weights"));
        }
        this.heads = config.heads();
        this.headDims = config.headDims();
        this.modelDims = config.modelDims();
        this.span = span;
        this.additive = additive == null ? null : additive.values();
        this.scale = additive != null ? 1f : (float) (1.0 / Math.sqrt(headDims));
        this.relativeBias = relativeBias == null ? null : relativeBias.values();
        this.biasStride = config.trainedSpan().width();
        this.biasZero = config.leftContext();
    }

    AttentionSpan span() {
        return span;
    }

    /**
     * Writes {@code context[count, d]} for the {@code count} queries {@code queries[count, d]} (already rotated);
     * query {@code i} sits at row {@code firstQueryRow + i} of {@code kv}. When {@code probe} is not null, the weights
     * of query {@code probeIndex} are written to it as {@code [heads, width]}, column {@code j} for offset
     * {@code j - left}, zero where no key exists.
     */
    void attend(KeyValueBuffer kv, RowBlock queries, int firstQueryRow, RowBlock context, Workspace ws,
                int probeIndex, float[] probe) {
        int count = queries.rows();
        float[] query = ws.query();     // [d] one query, rotated and scaled
        float[] scores = ws.scores();   // [heads, width] one query's scores, then weights
        int width = span.width();
        for (int i = 0; i < count; i++) {
            int r = firstQueryRow + i;
            int first = Math.max(0, r - span.left());
            int end = Math.min(kv.rows(), r + span.right() + 1);
            scaledQuery(queries.data(), queries.start(i), query);
            if (additive == null) {
                for (int h = 0; h < heads; h++) {
                    kernels.scores(query, h * headDims, headDims, kv.keysByDimension(), h * headDims, kv.capacity(),
                            first, end - first, scores, h * width);
                }
            } else {
                scoreKeysAdditive(kv, query, first, end - first, scores);
            }
            for (int h = 0; h < heads; h++) {
                if (relativeBias != null) {
                    addRelativeBias(scores, h, first - r, end - first);
                }
                Softmax.inPlace(scores, h * width, h * width + end - first, kernels);
            }
            kernels.mix(scores, width, headDims, kv.values(), modelDims, first, end - first, context.data(),
                    context.start(i));
            if (probe != null && i == probeIndex) {
                Arrays.fill(probe, 0f);
                for (int h = 0; h < heads; h++) {
                    System.arraycopy(scores, h * width, probe, h * width + first - r + span.left(), end - first);
                }
            }
        }
    }

    /**
     * The query (already rotated to its position, with rotary positions) scaled by {@code 1 / sqrt(d_k)} (by 1 for
     * additive scores).
     */
    private void scaledQuery(float[] queries, int offset, float[] query) {
        System.arraycopy(queries, offset, query, 0, modelDims);
        for (int j = 0; j < modelDims; j++) {
            query[j] *= scale;
        }
    }

    /** {@code scores[h, i] = w_h · tanh(q_h + k_(first + i),h)} for the {@code n} keys of the band, every head. */
    private void scoreKeysAdditive(KeyValueBuffer kv, float[] query, int first, int n, float[] scores) {
        float[] keys = kv.keysByDimension();
        int capacity = kv.capacity();
        int width = span.width();
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < heads; h++) {
                int q = h * headDims;
                float sum = 0f;
                for (int j = 0; j < headDims; j++) {
                    sum += additive[q + j] * (float) Math.tanh(query[q + j] + keys[(q + j) * capacity + first + i]);
                }
                scores[h * width + i] = sum;
            }
        }
    }

    /** Adds head {@code h}'s learned bias of offsets {@code firstOffset, firstOffset + 1, ...} to its n scores. */
    private void addRelativeBias(float[] scores, int h, int firstOffset, int n) {
        int bias = h * biasStride + biasZero + firstOffset;
        int row = h * span.width();
        for (int i = 0; i < n; i++) {
            scores[row + i] += relativeBias[bias + i];
        }
    }
}

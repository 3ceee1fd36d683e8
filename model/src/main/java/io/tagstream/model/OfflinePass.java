package io.tagstream.model;

import java.util.Arrays;
import java.util.List;

/**
 * A whole recording at once, layer after layer. Each layer runs in blocks of {@code blockRows} queries: the block's
 * queries/keys/values are projected for the rows {@code [a - L, b + R)} it can see, attention is banded, and the
 * block's output rows are written. Memory is two {@code [T, d]} activation arrays plus O((blockRows + L + R) * d)
 * working memory: no {@code [T, T]} matrix is ever formed.
 */
final class OfflinePass {

    private final Encoder encoder;
    private final EncoderConfig config;

    OfflinePass(Encoder encoder) {
        this.encoder = encoder;
        this.config = encoder.config();
    }

    /**
     * Probabilities {@code [T][labels]} of {@code frames}; when {@code probeFrame >= 0}, each layer's attention
     * weights of that frame are added to {@code probes}.
     */
    float[][] run(float[][] frames, int probeFrame, List<LayerAttention> probes, Workspace ws) {
        int t = frames.length;
        int d = config.modelDims();
        int blockRows = encoder.options().blockRows();
        AttentionSpan span = encoder.options().span();
        float[] x = new float[t * d];          // [T, d] input of the current layer
        float[] y = new float[t * d];          // [T, d] its output
        project(frames, x, ws);
        KeyValueBuffer kv = ws.blockKeysValues(encoder.rotary(), blockRows + span.left() + span.right());
        float[] probe = new float[config.heads() * span.width()];
        for (int l = 0; l < config.layers(); l++) {
            EncoderBlock block = encoder.blocks().get(l);
            for (int a = 0; a < t; a += blockRows) {
                int b = Math.min(t, a + blockRows);
                int k0 = Math.max(0, a - span.left());
                int k1 = Math.min(t, b + span.right());
                float[] qkv = block.project(encoder.gemm(), x, k0 * d, k1 - k0, ws);  // [k1 - k0, 3d]
                kv.clear();
                kv.append(qkv, 0, k1 - k0);
                float[] context = ws.context(b - a);                                  // [b - a, d]
                int probeRow = probeFrame >= a && probeFrame < b ? probeFrame - k0 : -1;
                block.attention().attend(kv, a - k0, b - k0, context, 0, ws.scores(), probeRow, probe);
                block.finish(encoder.gemm(), x, a * d, context, b - a, y, a * d, ws);
            }
            if (probeFrame >= 0) {
                probes.add(new LayerAttention(l, probeFrame, span, split(probe, span.width())));
            }
            float[] swap = x;
            x = y;
            y = swap;
        }
        return classify(x, t, ws);
    }

    /** Input projection of every frame into {@code x[T, d]}, block by block. */
    private void project(float[][] frames, float[] x, Workspace ws) {
        int dims = config.inputDims();
        int blockRows = encoder.options().blockRows();
        for (int a = 0; a < frames.length; a += blockRows) {
            int rows = Math.min(blockRows, frames.length - a);
            float[] block = ws.frames(rows);    // [rows, I]
            for (int r = 0; r < rows; r++) {
                System.arraycopy(frames[a + r], 0, block, r * dims, dims);
            }
            encoder.input().forward(encoder.gemm(), block, rows, ws.normalisedFrames(rows), x, a * config.modelDims());
        }
    }

    private float[][] classify(float[] x, int t, Workspace ws) {
        int d = config.modelDims();
        int labels = config.labelCount();
        int blockRows = encoder.options().blockRows();
        float[][] result = new float[t][];
        for (int a = 0; a < t; a += blockRows) {
            int rows = Math.min(blockRows, t - a);
            float[] hidden = ws.layerInput(rows);             // [rows, d]
            System.arraycopy(x, a * d, hidden, 0, rows * d);
            float[] probabilities = ws.probabilities(rows);   // [rows, C]
            encoder.classifier().probabilities(encoder.gemm(), hidden, rows, ws.normed(rows), probabilities);
            for (int r = 0; r < rows; r++) {
                result[a + r] = Arrays.copyOfRange(probabilities, r * labels, (r + 1) * labels);
            }
        }
        return result;
    }

    private static float[][] split(float[] flat, int width) {
        float[][] rows = new float[flat.length / width][];
        for (int h = 0; h < rows.length; h++) {
            rows[h] = Arrays.copyOfRange(flat, h * width, (h + 1) * width);
        }
        return rows;
    }
}

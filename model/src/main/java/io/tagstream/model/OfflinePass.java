package io.tagstream.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A whole recording at once, layer after layer. Each layer runs in blocks of {@code blockRows} queries
 * {@code [a, b)}, which see the keys of rows {@code [a - L, b + R)}. Queries, keys and values are projected one cell
 * of the block grid at a time ({@code blockRows} rows starting at a multiple of {@code blockRows}), each cell once
 * per layer, when the first block that needs a row of it comes: a block keeps the keys and values its band still
 * reaches and the queries projected ahead of it. So every GEMM call has the same rows at the same place whatever
 * the segment or window around it (the offline path is bit-exact when chunked, with any GEMM), and a row is
 * projected once, not once per block whose band holds it. Attention is banded, and the block's output rows are
 * written. Memory is two {@code [T, d]} activation arrays plus O((blockRows + L + R) * d) working memory per thread:
 * no {@code [T, T]} matrix is ever formed. With several threads, each layer's blocks are shared out in contiguous
 * segments (a segment projects the cells before it that its first band reaches again) and the next layer starts
 * when all are done.
 */
final class OfflinePass {

    /** Work on the frames {@code [from, to)} with the executing thread's workspace. */
    private interface SegmentWork {
        void run(int from, int to, Workspace ws);
    }

    private final Encoder encoder;
    private final EncoderConfig config;
    private final int blockRows;
    private final AttentionSpan span;

    OfflinePass(Encoder encoder) {
        this.encoder = encoder;
        this.config = encoder.config();
        this.blockRows = encoder.options().blockRows();
        this.span = encoder.options().span();
    }

    /**
     * Probabilities {@code [T][labels]} of {@code frames}, the first of which is at stream position
     * {@code firstPosition} (only rotary positions see it); when {@code probeFrame >= 0}, each layer's attention
     * weights of that frame are added to {@code probes}.
     */
    float[][] run(float[][] frames, long firstPosition, int probeFrame, List<LayerAttention> probes) {
        int t = frames.length;
        int d = config.modelDims();
        float[][] x = {new float[t * d]};       // [T, d] input of the current layer
        float[][] y = {new float[t * d]};       // [T, d] its output
        inSegments(t, (from, to, ws) -> project(frames, from, to, x[0], ws));
        float[] probe = new float[config.heads() * span.width()];
        for (int l = 0; l < config.layers(); l++) {
            EncoderBlock block = encoder.blocks().get(l);
            inSegments(t, (from, to, ws) -> layer(block, x[0], y[0], t, firstPosition, from, to, probeFrame, probe,
                    ws));
            if (probeFrame >= 0) {
                probes.add(new LayerAttention(l, probeFrame, span, split(probe, span.width())));
            }
            float[] swap = x[0];
            x[0] = y[0];
            y[0] = swap;
        }
        float[][] result = new float[t][];
        inSegments(t, (from, to, ws) -> classify(x[0], from, to, result, ws));
        return result;
    }

    /** One layer's output rows {@code [from, to)} (a whole number of blocks) into {@code y}. */
    private void layer(EncoderBlock block, float[] x, float[] y, int t, long firstPosition, int from, int to,
                       int probeFrame, float[] probe, Workspace ws) {
        int d = config.modelDims();
        KeyValueBuffer kv = ws.blockKeysValues(2 * blockRows + span.left() + span.right());
        kv.clear();
        float[] queries = ws.blockQueries(2 * blockRows + span.right());  // rows [a, projected)
        int projected = Math.max(0, from - span.left()) / blockRows * blockRows;  // first row not yet projected
        int held = projected;                                                    // row of kv's first row
        for (int a = from; a < to; a += blockRows) {
            int b = Math.min(to, a + blockRows);
            int k0 = Math.max(0, a - span.left());
            int k1 = Math.min(t, b + span.right());
            held = dropRowsBefore(kv, held, Math.min(k0, projected));
            while (projected < k1) {                     // one cell of the block grid per call
                int end = Math.min(t, projected + blockRows);
                RowBlock qkv = block.project(encoder.gemm(), RowBlock.of(x, projected * d, end - projected, d), ws);
                if (encoder.rotary() != null) {
                    encoder.rotary().rotateRows(qkv.data(), 0, end - projected, firstPosition + projected);
                }
                kv.append(qkv.data(), 0, end - projected);
                for (int r = Math.max(a, projected); r < end; r++) {
                    System.arraycopy(qkv.data(), (r - projected) * 3 * d, queries, (r - a) * d, d);
                }
                projected = end;
                held = dropRowsBefore(kv, held, Math.min(k0, projected));
            }
            RowBlock context = RowBlock.of(ws.context(b - a), 0, b - a, d);
            int probeIndex = probeFrame >= a && probeFrame < b ? probeFrame - a : -1;
            block.attention().attend(kv, RowBlock.of(queries, 0, b - a, d), a - held, context, ws, probeIndex,
                    probe);
            block.finish(encoder.gemm(), RowBlock.of(x, a * d, b - a, d), context, RowBlock.of(y, a * d, b - a, d), ws);
            System.arraycopy(queries, (b - a) * d, queries, 0, Math.max(0, projected - b) * d);  // queued ahead
        }
    }

    /** Drops the rows of {@code kv}, whose first is recording row {@code held}, before row {@code row}; {@code row}. */
    private static int dropRowsBefore(KeyValueBuffer kv, int held, int row) {
        kv.discardFront(row - held);
        return row;
    }

    /**
     * Input projection (after the front end, if any) of frames {@code [from, to)} of the recording into {@code x},
     * a block at a time; each block reads the frames around it that the front end needs.
     */
    private void project(float[][] frames, int from, int to, float[] x, Workspace ws) {
        int dims = config.inputDims();
        ConvFrontEnd front = encoder.frontEnd();
        for (int a = from; a < to; a += blockRows) {
            int b = Math.min(to, a + blockRows);
            int lo = Math.max(0, a - front.left());
            int hi = Math.min(frames.length, b + front.right());
            float[] block = ws.frames(hi - lo);                    // [hi - lo, I]
            for (int r = lo; r < hi; r++) {
                System.arraycopy(frames[r], 0, block, (r - lo) * dims, dims);
            }
            float[] normalised = ws.normalisedFrames(hi - lo);     // [hi - lo, I]
            encoder.input().normalise(block, hi - lo, normalised);
            float[] rows = front.forward(normalised, a, b, frames.length, ws);  // [b - a, P]
            encoder.input().project(encoder.gemm(), rows, b - a, x, a * config.modelDims());
        }
    }

    /** Probabilities of frames {@code [from, to)} into {@code result}. */
    private void classify(float[] x, int from, int to, float[][] result, Workspace ws) {
        int d = config.modelDims();
        int labels = config.labelCount();
        for (int a = from; a < to; a += blockRows) {
            int rows = Math.min(blockRows, to - a);
            float[] hidden = ws.layerInput(rows);             // [rows, d]
            System.arraycopy(x, a * d, hidden, 0, rows * d);
            float[] probabilities = ws.probabilities(rows);   // [rows, C]
            encoder.classifier().probabilities(encoder.gemm(), hidden, rows, ws.normed(rows), probabilities);
            for (int r = 0; r < rows; r++) {
                result[a + r] = Arrays.copyOfRange(probabilities, r * labels, (r + 1) * labels);
            }
        }
    }

    /** Runs {@code work} over {@code [0, total)} cut into one contiguous run of whole blocks per thread. */
    private void inSegments(int total, SegmentWork work) {
        int blocks = (total + blockRows - 1) / blockRows;
        int parts = Math.min(encoder.pool().threads(), blocks);
        if (parts <= 1) {
            work.run(0, total, encoder.workspace());
            return;
        }
        List<Runnable> tasks = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) blocks * p / parts) * blockRows;
            int to = Math.min(total, (int) ((long) blocks * (p + 1) / parts) * blockRows);
            tasks.add(() -> work.run(from, to, encoder.workspace()));
        }
        encoder.pool().runAll(tasks);
    }

    private static float[][] split(float[] flat, int width) {
        float[][] rows = new float[flat.length / width][];
        for (int h = 0; h < rows.length; h++) {
            rows[h] = Arrays.copyOfRange(flat, h * width, (h + 1) * width);
        }
        return rows;
    }
}

package io.tagstream.model;

import java.util.Arrays;

/**
 * A {@link Gemm} that hands another GEMM its rows laid out by a {@link SlotLayout}: calls of whole tiles, the real
 * rows in the layout's slots, zeros elsewhere. With a layout that {@link RowInvariance} found row-invariant for the
 * inner GEMM, a row's product does not depend on how rows are batched. Each thread stages its calls in buffers of
 * its own.
 */
public final class SlottedGemm implements Gemm {

    private final Gemm inner;
    private final SlotLayout layout;
    private final ThreadLocal<float[][]> staging = ThreadLocal.withInitial(() -> new float[2][0]);

    public SlottedGemm(Gemm inner, SlotLayout layout) {
        if (inner == null || layout == null) {
            throw new IllegalArgumentException("a slotted GEMM needs an inner GEMM and a layout");
        }
        this.inner = inner;
        this.layout = layout;
    }

    @Override
    public void multiply(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset) {
        int k = w.dim(0);
        int n = w.dim(1);
        for (int done = 0; done < rows; done += layout.capacity()) {
            int part = Math.min(layout.capacity(), rows - done);
            call(in, inOffset + done * k, part, w, out, outOffset + done * n, k, n);
        }
    }

    private void call(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset, int k, int n) {
        int callRows = layout.tilesFor(rows) * layout.tile();
        float[][] buffers = staging.get();
        if (buffers[0].length < callRows * k) {
            buffers[0] = new float[layout.tile() * layout.maxTiles() * k];
        }
        if (buffers[1].length < callRows * n) {
            buffers[1] = new float[layout.tile() * layout.maxTiles() * n];
        }
        float[] staged = buffers[0];
        float[] result = buffers[1];
        Arrays.fill(staged, 0, callRows * k, 0f);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(in, inOffset + i * k, staged, layout.callRow(i) * k, k);
        }
        inner.multiply(staged, 0, callRows, w, result, 0);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(result, layout.callRow(i) * n, out, outOffset + i * n, n);
        }
    }

    @Override
    public String name() {
        return inner.name() + "-row-invariant: " + layout.describe();
    }
}

package io.tagstream.model;

import java.util.Arrays;

/**
 * A {@link Gemm} that calls another with exactly {@code block} rows every time: the rows in blocks of
 * {@code block}, the last block padded with zero rows. Through ND4J (OpenBLAS) with a block of 8 this makes a row's
 * product independent of how rows are batched: a BLAS call's kernels, and so the order of a row's sums, depend on the
 * call's row count and the row's place in it, but in calls of exactly 1, 2, 4 or 8 rows every row takes the same
 * path, whatever its place and its neighbours (measured on the model's shapes, 1 and 2 OpenMP threads;
 * {@code FixedBlockGemmTest} checks it where it runs). Each thread stages its blocks in buffers of its own.
 */
public final class FixedBlockGemm implements Gemm {

    /** The block that makes ND4J row-invariant ({@link GemmChoice#ND4J_FIXED_BLOCK}). */
    public static final int ND4J_BLOCK = 8;

    private final Gemm inner;
    private final int block;
    private final ThreadLocal<float[][]> staging = ThreadLocal.withInitial(() -> new float[2][0]);

    public FixedBlockGemm(Gemm inner, int block) {
        if (inner == null || block < 1) {
            throw new IllegalArgumentException("a fixed-block GEMM needs an inner GEMM and a block of 1 row or more");
        }
        this.inner = inner;
        this.block = block;
    }

    @Override
    public void multiply(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset) {
        int k = w.dim(0);
        int n = w.dim(1);
        int full = rows / block * block;
        for (int r = 0; r < full; r += block) {
            inner.multiply(in, inOffset + r * k, block, w, out, outOffset + r * n);
        }
        int rest = rows - full;
        if (rest > 0) {
            float[][] buffers = staging.get();
            if (buffers[0].length < block * k || buffers[1].length < block * n) {
                buffers[0] = new float[block * Math.max(k, n)];
                buffers[1] = new float[block * Math.max(k, n)];
            }
            float[] padded = buffers[0];
            System.arraycopy(in, inOffset + full * k, padded, 0, rest * k);
            Arrays.fill(padded, rest * k, block * k, 0f);
            inner.multiply(padded, 0, block, w, buffers[1], 0);
            System.arraycopy(buffers[1], 0, out, outOffset + full * n, rest * n);
        }
    }
}

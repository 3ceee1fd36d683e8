package io.tagstream.model;

import java.util.Arrays;

/**
 * Plain-Java {@link Gemm}: for each output row, accumulates {@code in[r, p] * w[p, :]} over {@code p}, four inner
 * indices and two rows at a time so that the JIT vectorises the loop over the output columns. No per-call overhead,
 * so it beats a BLAS call for a handful of rows (one frame per call).
 */
public final class JavaGemm implements Gemm {

    private final String name;

    public JavaGemm() {
        this("java");
    }

    /** A Java GEMM that names itself {@code name} (e.g. with the reason it runs instead of another). */
    public JavaGemm(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void multiply(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset) {
        int k = w.dim(0);
        int n = w.dim(1);
        float[] weights = w.values(); // [k, n]
        int r = 0;
        for (; r + 2 <= rows; r += 2) {
            twoRows(in, inOffset + r * k, k, weights, n, out, outOffset + r * n);
        }
        if (r < rows) {
            oneRow(in, inOffset + r * k, k, weights, n, out, outOffset + r * n);
        }
    }

    private static void oneRow(float[] in, int a, int k, float[] w, int n, float[] out, int c) {
        Arrays.fill(out, c, c + n, 0f);
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            float x0 = in[a + p];
            float x1 = in[a + p + 1];
            float x2 = in[a + p + 2];
            float x3 = in[a + p + 3];
            int w0 = p * n;
            int w1 = w0 + n;
            int w2 = w1 + n;
            int w3 = w2 + n;
            for (int j = 0; j < n; j++) {
                out[c + j] += x0 * w[w0 + j] + x1 * w[w1 + j] + x2 * w[w2 + j] + x3 * w[w3 + j];
            }
        }
        for (; p < k; p++) {
            float x = in[a + p];
            int w0 = p * n;
            for (int j = 0; j < n; j++) {
                out[c + j] += x * w[w0 + j];
            }
        }
    }

    private static void twoRows(float[] in, int a, int k, float[] w, int n, float[] out, int c) {
        int b = a + k;     // second input row
        int c2 = c + n;    // second output row
        Arrays.fill(out, c, c + 2 * n, 0f);
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            float x0 = in[a + p];
            float x1 = in[a + p + 1];
            float x2 = in[a + p + 2];
            float x3 = in[a + p + 3];
            float y0 = in[b + p];
            float y1 = in[b + p + 1];
            float y2 = in[b + p + 2];
            float y3 = in[b + p + 3];
            int w0 = p * n;
            int w1 = w0 + n;
            int w2 = w1 + n;
            int w3 = w2 + n;
            for (int j = 0; j < n; j++) {
                float v0 = w[w0 + j];
                float v1 = w[w1 + j];
                float v2 = w[w2 + j];
                float v3 = w[w3 + j];
                out[c + j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
                out[c2 + j] += y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
            }
        }
        for (; p < k; p++) {
            float x = in[a + p];
            float y = in[b + p];
            int w0 = p * n;
            for (int j = 0; j < n; j++) {
                out[c + j] += x * w[w0 + j];
                out[c2 + j] += y * w[w0 + j];
            }
        }
    }
}

package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both GEMM implementations (and the adaptive switch) agree with a naive double-precision triple loop. */
class GemmTest {

    private static final int[][] SHAPES = { // rows, k, n
        {0, 3, 4}, {1, 1, 1}, {1, 128, 384}, {2, 5, 7}, {3, 7, 5}, {7, 33, 17}, {16, 128, 128},
        {64, 128, 512}, {65, 512, 128}, {257, 40, 128}, {5, 128, 4}
    };

    @Test
    void javaAndNd4jMatchNaiveDoubleProductWithOffsets() {
        Random random = new Random(11);
        Gemm[] implementations = {new JavaGemm(), new Nd4jGemm(), new Nd4jGemm(Nd4jGemm.Orientation.ROWS_AS_ROWS),
            new AdaptiveGemm(new JavaGemm(), new Nd4jGemm(), 5_000)};
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int k = shape[1];
            int n = shape[2];
            WeightTensor w = randomMatrix(random, k, n);
            int inOffset = random.nextInt(5);
            int outOffset = random.nextInt(5);
            float[] in = new float[inOffset + rows * k];
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) (2 * random.nextDouble() - 1);
            }
            for (Gemm gemm : implementations) {
                float[] out = new float[outOffset + rows * n + 3];
                java.util.Arrays.fill(out, 42f); // must be overwritten inside, untouched outside
                gemm.multiply(in, inOffset, rows, w, out, outOffset);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < n; j++) {
                        double exact = 0;
                        double magnitude = 0;
                        for (int p = 0; p < k; p++) {
                            double term = (double) in[inOffset + r * k + p] * w.get(p * n + j);
                            exact += term;
                            magnitude += Math.abs(term);
                        }
                        float actual = out[outOffset + r * n + j];
                        assertTrue(Math.abs(actual - exact) <= 1e-6 * (1 + magnitude),
                                gemm.name() + " " + rows + "x" + k + "x" + n + " at (" + r + ","
                                        + j + "): " + actual + " vs " + exact);
                    }
                }
                for (int i = 0; i < outOffset; i++) {
                    assertEquals(42f, out[i], "wrote before the output offset");
                }
                for (int i = outOffset + rows * n; i < out.length; i++) {
                    assertEquals(42f, out[i], "wrote past the output rows");
                }
            }
        }
    }

    @Test
    void repeatedCallsWithVaryingRowCountsReuseStagingCorrectly() {
        Random random = new Random(12);
        WeightTensor w = randomMatrix(random, 24, 9);
        Gemm nd4j = new Nd4jGemm();
        Gemm java = new JavaGemm();
        for (int call = 0; call < 40; call++) {
            int rows = 1 + random.nextInt(300);
            float[] in = new float[rows * 24];
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) random.nextGaussian();
            }
            float[] a = new float[rows * 9];
            float[] b = new float[rows * 9];
            nd4j.multiply(in, 0, rows, w, a, 0);
            java.multiply(in, 0, rows, w, b, 0);
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-4, "call " + call + " rows " + rows + " index " + i);
            }
        }
    }

    private static WeightTensor randomMatrix(Random random, int k, int n) {
        float[] values = new float[k * n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (2 * random.nextDouble() - 1);
        }
        return WeightTensor.of(values, k, n);
    }
}

package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ND4J in calls of exactly 8 rows: right (against a double product) and batch-invariant (a row's bits the same
 * however the rows are cut into calls). The same invariance check finds the difference in today's ND4J call
 * pattern, a call per batch of any row count, so it can tell.
 */
class FixedBlockGemmTest {

    /** The projection shapes [k, n] of the shipped models (v2: d 96, ffn 384, 64 bands x 16 channels / 4). */
    private static final int[][] SHAPES = {{96, 288}, {96, 96}, {96, 384}, {384, 96}, {256, 96}, {96, 4},
            {128, 384}, {512, 128}};
    private static final int ROWS = 40;

    @Test
    void matchesTheDoubleProduct() {
        Random random = new Random(3);
        Gemm gemm = new FixedBlockGemm(new Nd4jGemm(), FixedBlockGemm.ND4J_BLOCK);
        for (int[] shape : SHAPES) {
            int k = shape[0];
            int n = shape[1];
            float[] w = gaussian(random, k * n);
            for (int rows : new int[] {1, 7, 8, 13, 40}) {
                float[] in = gaussian(random, rows * k + 3);
                float[] out = new float[rows * n + 5];
                gemm.multiply(in, 3, rows, WeightTensor.of(w, k, n), out, 5);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0;
                        for (int p = 0; p < k; p++) {
                            sum += (double) in[3 + r * k + p] * w[p * n + j];
                        }
                        assertEquals(sum, out[5 + r * n + j], 1e-4 * Math.sqrt(k), "row " + r + " column " + j);
                    }
                }
            }
        }
    }

    @Test
    void aRowsBitsDoNotDependOnHowTheRowsAreBatched() {
        Gemm fixed = new FixedBlockGemm(new Nd4jGemm(), FixedBlockGemm.ND4J_BLOCK);
        for (int[] shape : SHAPES) {
            Optional<String> difference = firstBatchingDifference(fixed, shape[0], shape[1], new Random(shape[0]));
            assertTrue(difference.isEmpty(), difference.orElse(""));
        }
    }

    @Test
    void theCheckFindsTheDifferenceInCallsOfAnyRowCount() {
        Optional<String> difference = firstBatchingDifference(new Nd4jGemm(), 96, 288, new Random(96));
        assertTrue(difference.isPresent(), "ND4J calls of any row count gave every row the same bits here: the "
                + "invariance check could not tell (a BLAS whose kernels do not depend on the row count?)");
    }

    /**
     * Multiplies {@value #ROWS} random rows alone, then cut into calls of many sizes at many offsets; the first row
     * whose bits differ from its product alone, if any.
     */
    private static Optional<String> firstBatchingDifference(Gemm gemm, int k, int n, Random random) {
        WeightTensor w = WeightTensor.of(gaussian(random, k * n), k, n);
        float[] in = gaussian(random, ROWS * k);
        float[] alone = new float[ROWS * n];
        for (int r = 0; r < ROWS; r++) {
            gemm.multiply(in, r * k, 1, w, alone, r * n);
        }
        for (int cut : new int[] {2, 3, 5, 8, 12, 16, 17, 24, 33, ROWS}) {
            for (int start = 0; start < Math.min(cut, 6); start++) {
                float[] out = new float[ROWS * n];
                int r = 0;
                int size = start == 0 ? cut : start;      // a first call of another size shifts every later row
                while (r < ROWS) {
                    int rows = Math.min(size, ROWS - r);
                    gemm.multiply(in, r * k, rows, w, out, r * n);
                    r += rows;
                    size = cut;
                }
                for (int row = 0; row < ROWS; row++) {
                    if (!Arrays.equals(alone, row * n, row * n + n, out, row * n, row * n + n)) {
                        return Optional.of(k + "x" + n + ": row " + row + " differs in calls of " + cut + " rows "
                                + "(first call " + (start == 0 ? cut : start) + ")");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}

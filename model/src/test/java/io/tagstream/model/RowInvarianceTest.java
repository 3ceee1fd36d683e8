package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The row-invariant ND4J engine: right (against a double product, in every layout it may pick) and batch-invariant
 * (a row's bits the same however the rows are cut into calls), on the projection shapes of the shipped models. The
 * same check finds the difference in the plain ND4J call pattern, a call per batch of any row count, so it can tell.
 */
class RowInvarianceTest {

    /** The projection shapes [k, n] of the shipped models (v2: d 96, ffn 384, 64 bands x 16 channels / 4; v1: d 128). */
    private static final List<int[]> SHAPES = List.of(new int[] {96, 288}, new int[] {96, 96}, new int[] {96, 384},
            new int[] {384, 96}, new int[] {256, 96}, new int[] {96, 4}, new int[] {128, 384}, new int[] {512, 128},
            new int[] {40, 128});

    @Test
    void everyLayoutMatchesTheDoubleProduct() {
        Random random = new Random(3);
        for (CallLayout layout : RowInvariance.ND4J_LAYOUTS) {
            Gemm gemm = new SlottedGemm(new Nd4jGemm(layout.orientation()), layout);
            for (int[] shape : List.of(new int[] {96, 288}, new int[] {384, 96}, new int[] {96, 4})) {
                int k = shape[0];
                int n = shape[1];
                float[] w = gaussian(random, k * n);
                for (int rows : new int[] {1, 5, 7, 12, 13, 127, 240, 241, 300}) {
                    float[] in = gaussian(random, rows * k + 3);
                    float[] out = new float[rows * n + 5];
                    gemm.multiply(in, 3, rows, WeightTensor.of(w, k, n), out, 5);
                    for (int r = 0; r < rows; r++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0;
                            for (int p = 0; p < k; p++) {
                                sum += (double) in[3 + r * k + p] * w[p * n + j];
                            }
                            assertEquals(sum, out[5 + r * n + j], 1e-4 * Math.sqrt(k),
                                    layout.describe() + " row " + r + " column " + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theNd4jEngineGivesARowTheSameBitsHoweverTheRowsAreBatched() {
        Gemm engine = RowInvariance.nd4j(SHAPES);
        assertTrue(engine.name().startsWith("nd4j"), "the ND4J engine fell back: " + engine.name());
        for (int[] shape : SHAPES) {
            Optional<String> difference = RowInvariance.firstBatchingDifference(engine, shape[0], shape[1], 11);
            assertTrue(difference.isEmpty(), engine.name() + ": " + difference.orElse(""));
        }
    }

    @Test
    void theEngineRefusesAShapeItWasNotBuiltFor() {
        Gemm engine = RowInvariance.nd4j(List.of(new int[] {96, 288}));
        WeightTensor other = WeightTensor.of(new float[96 * 96], 96, 96);
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> engine.multiply(new float[96], 0, 1, other, new float[96], 0));
        assertTrue(refused.getMessage().contains("96x96"), refused.getMessage());
    }

    @Test
    void theCheckFindsTheDifferenceInCallsOfAnyRowCount() {
        Optional<String> difference = RowInvariance.firstBatchingDifference(new Nd4jGemm(), 96, 288, 96);
        assertTrue(difference.isPresent(), "ND4J calls of any row count gave every row the same bits here: the "
                + "invariance check could not tell (a BLAS whose kernels do not depend on the row count?)");
    }

    @Test
    void plainJavaIsRowInvariant() {
        for (int[] shape : SHAPES) {
            Optional<String> difference = RowInvariance.firstBatchingDifference(new JavaGemm(), shape[0], shape[1], 5);
            assertTrue(difference.isEmpty(), difference.orElse(""));
        }
    }

    @Test
    void aLayoutPutsItsRowsInItsSlots() {
        SlotLayout half = SlotLayout.HALF_PANELS;
        assertEquals(126, half.capacity());
        assertEquals(List.of(6, 11, 18, 23, 246, 251), List.of(half.callRow(0), half.callRow(5), half.callRow(6),
                half.callRow(11), half.callRow(120), half.callRow(125)));
        assertEquals(List.of(1, 1, 2, 21), List.of(half.tilesFor(1), half.tilesFor(6), half.tilesFor(7),
                half.tilesFor(126)));
        assertEquals(7, SlotLayout.BLOCKS_OF_8.callRow(7));
        assertEquals(1, SlotLayout.BLOCKS_OF_8.tilesFor(3));
        assertEquals(8, SlotLayout.BLOCKS_OF_8.callRows(3));
    }

    @Test
    void aMarginLayoutPutsItsRowsBetweenItsMargins() {
        MarginLayout margins = MarginLayout.BETWEEN_MARGINS;
        assertEquals(240, margins.capacity());
        assertEquals(256, margins.maxCallRows());
        // 16 t rows with 8 zero rows at each end, at least 2 tiles
        assertEquals(List.of(32, 32, 48, 48, 256), List.of(margins.callRows(1), margins.callRows(16),
                margins.callRows(17), margins.callRows(32), margins.callRows(240)));
        assertEquals(List.of(8, 8, 247), List.of(margins.callRow(1, 0), margins.callRow(13, 0),
                margins.callRow(240, 239)));
        MarginLayout direct = MarginLayout.BETWEEN_MARGINS_SMALL_AS_THEY_ARE;
        assertEquals(List.of(1, 12, 32), List.of(direct.callRows(1), direct.callRows(12), direct.callRows(13)));
        assertEquals(List.of(0, 11, 8), List.of(direct.callRow(1, 0), direct.callRow(12, 11), direct.callRow(13, 0)));
    }

    private static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}

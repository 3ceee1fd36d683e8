package io.tagstream.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting, sums and shares of {@link ConfusionMatrix}, against counts written by hand. */
class ConfusionMatrixTest {

    static final List<String> FOUR = List.of("silence", "speech", "music", "noise");

    /** Rows reference, columns predicted; silence, speech, music, noise. Totals: rows 55, 45, 35, 26 = 161. */
    static final long[][] FOUR_COUNTS = {
        {50, 2, 0, 3},
        {1, 40, 4, 0},
        {0, 3, 30, 2},
        {4, 1, 1, 20}};

    @Test
    void countsOnlyTheScoredFramesIntoReferenceRowsAndPredictedColumns() {
        int[] reference = {0, 0, 1, 1, 1, 0, 1};
        int[] predicted = {0, 1, 1, 0, 1, 0, 0};
        boolean[] scored = {true, true, true, true, true, false, false};
        ConfusionMatrix m = ConfusionMatrix.count(List.of("a", "b"), reference, predicted, scored);
        // scored frames 0..4: (0,0) (0,1) (1,1) (1,0) (1,1) -> [[1, 1], [1, 2]]
        assertArrayEquals(new long[][] {{1, 1}, {1, 2}}, m.counts());
        assertEquals(5, m.total());
        assertEquals(3, m.correct());
        assertEquals(3.0 / 5, m.accuracy(), 1e-15);
    }

    @Test
    void rowAndColumnSumsAndSharesOfAFourLabelMatrix() {
        ConfusionMatrix m = new ConfusionMatrix(FOUR, FOUR_COUNTS);
        assertEquals(161, m.total());
        // diagonal 50 + 40 + 30 + 20 = 140
        assertEquals(140.0 / 161, m.accuracy(), 1e-15);
        assertEquals(35, m.referenceFrames(2));     // music row 0 + 3 + 30 + 2
        assertEquals(46, m.predictedFrames(1));     // speech column 2 + 40 + 3 + 1
        assertEquals(3.0 / 35, m.share(2, 1), 1e-15);  // music labelled speech
        assertEquals(1.0 / 26, m.share(3, 1), 1e-15);  // noise labelled speech
    }

    @Test
    void oneVersusRestCollapsesTheOtherLabels() {
        ConfusionMatrix binary = new ConfusionMatrix(FOUR, FOUR_COUNTS).oneVersusRest(1);
        // tp = 40; fn = speech row without tp = 1 + 4 = 5; fp = speech column without tp = 2 + 3 + 1 = 6;
        // tn = 161 - 40 - 5 - 6 = 110 (music mistaken for noise is "correct" here)
        assertEquals(List.of("speech", "not speech"), binary.labels());
        assertArrayEquals(new long[][] {{40, 5}, {6, 110}}, binary.counts());
    }

    @Test
    void matricesAddUp() {
        ConfusionMatrix a = new ConfusionMatrix(List.of("x", "y"), new long[][] {{1, 2}, {3, 4}});
        ConfusionMatrix b = new ConfusionMatrix(List.of("x", "y"), new long[][] {{10, 0}, {0, 5}});
        assertArrayEquals(new long[][] {{11, 2}, {3, 9}}, a.plus(b).counts());
        assertEquals(a, a.plus(ConfusionMatrix.empty(List.of("x", "y"))));
        assertThrows(IllegalArgumentException.class,
                () -> a.plus(ConfusionMatrix.empty(List.of("y", "x"))));
    }

    @Test
    void emptyMatricesHaveUndefinedAccuracyAndShares() {
        ConfusionMatrix empty = ConfusionMatrix.empty(List.of("x", "y"));
        assertEquals(0, empty.total());
        assertTrue(Double.isNaN(empty.accuracy()));
        assertTrue(Double.isNaN(empty.share(0, 1)));
    }

    @Test
    void malformedCountsAreRefused() {
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(List.of("x", "y"), new long[][] {{1, 2}, {3}}));
        assertTrue(ragged.getMessage().contains("row 1 must hold 2 non-negative counts"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(List.of("x", "y"), new long[][] {{1, -2}, {3, 4}}));
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.count(List.of("x"), new int[2], new int[2], new boolean[3]));
    }
}

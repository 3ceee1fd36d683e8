package io.tagstream.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Precision, recall, F1, macro F1 and speech-vs-rest, computed by hand; the undefined (0/0) cases. */
class ClassScoresTest {

    private static final double EXACT = 1e-12;

    @Test
    void scoresOfEachLabelOfAHandCountedMatrix() {
        // rows reference, columns predicted:
        //      a  b  c  d
        // a    5  1  0  0
        // b    2  3  1  0
        // c    0  0  0  0     (c is never in the reference but predicted once)
        // d    0  0  0  0     (d occurs neither way)
        ConfusionMatrix m = new ConfusionMatrix(List.of("a", "b", "c", "d"),
                new long[][] {{5, 1, 0, 0}, {2, 3, 1, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}});
        List<ClassScores> s = ClassScores.all(m);
        // a: tp 5, reference 6, predicted 5 + 2 = 7: P 5/7, R 5/6, F1 2*5 / (6 + 7) = 10/13
        assertScores(s.get(0), 5.0 / 7, 5.0 / 6, 10.0 / 13);
        assertEquals(6, s.get(0).referenceFrames());
        assertEquals(7, s.get(0).predictedFrames());
        // b: tp 3, reference 6, predicted 1 + 3 = 4: P 3/4, R 3/6, F1 6 / (6 + 4) = 0.6
        assertScores(s.get(1), 0.75, 0.5, 0.6);
        // c: tp 0, reference 0, predicted 1: P 0/1 = 0, R 0/0 undefined, F1 0 / (0 + 1) = 0
        assertScores(s.get(2), 0.0, Double.NaN, 0.0);
        // d: nothing: all undefined
        assertScores(s.get(3), Double.NaN, Double.NaN, Double.NaN);
        // macro over the defined F1s (a, b, c; d left out): (10/13 + 0.6 + 0) / 3 = 0.456410256...
        assertEquals((10.0 / 13 + 0.6) / 3, ClassScores.macroF1(s), EXACT);
        assertEquals(0.45641025641025645, ClassScores.macroF1(s), 1e-15);
    }

    @Test
    void aReferenceLabelNeverPredictedHasF1ZeroAndUndefinedPrecision() {
        // x: reference 4, predicted 0 -> P 0/0 undefined, R 0/4 = 0, F1 0/4 = 0
        // y: tp 6, reference 6, predicted 10 -> P 0.6, R 1, F1 12/16 = 0.75; macro (0 + 0.75) / 2 = 0.375
        ConfusionMatrix m = new ConfusionMatrix(List.of("x", "y"), new long[][] {{0, 4}, {0, 6}});
        List<ClassScores> s = ClassScores.all(m);
        assertScores(s.get(0), Double.NaN, 0.0, 0.0);
        assertScores(s.get(1), 0.6, 1.0, 0.75);
        assertEquals(0.375, ClassScores.macroF1(s), EXACT);
    }

    @Test
    void macroF1OfNothingIsUndefined() {
        assertTrue(Double.isNaN(ClassScores.macroF1(ClassScores.all(ConfusionMatrix.empty(List.of("x", "y"))))));
    }

    @Test
    void speechVsRestAndSpeechSharesOfAFourLabelReport() {
        ConfusionMatrix m = new ConfusionMatrix(ConfusionMatrixTest.FOUR, ConfusionMatrixTest.FOUR_COUNTS);
        EvaluationReport report = EvaluationReport.of("m", "d", 100, 10, ScoredLabels.FRAMES, m.labels(),
                List.of(new RecordingResult("r", m.total(), 0, 0, m)));
        // binary [[40, 5], [6, 110]]: P 40/46, R 40/45, F1 80 / (80 + 6 + 5) = 80/91
        assertScores(report.speechVsRest(), 40.0 / 46, 40.0 / 45, 80.0 / 91);
        assertEquals(0.8791208791208791, report.speechVsRest().f1(), 1e-15);
        assertEquals(3.0 / 35, report.labelledSpeech("music"), EXACT);
        assertEquals(1.0 / 26, report.labelledSpeech("noise"), EXACT);
        assertTrue(Double.isNaN(report.labelledSpeech("birdsong")));
        // per label F1: silence 2*50/(55+55) = 100/110, speech 80/(45+46) = 80/91, music 60/(35+35), noise 40/(26+25)
        double macro = (100.0 / 110 + 80.0 / 91 + 60.0 / 70 + 40.0 / 51) / 4;
        assertEquals(macro, report.macroF1(), EXACT);
    }

    @Test
    void speechVsRestIsUndefinedWithoutASpeechLabel() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("x", "y"), new long[][] {{1, 0}, {0, 1}});
        EvaluationReport report = EvaluationReport.of("m", "d", 100, 10, ScoredLabels.FRAMES, m.labels(),
                List.of(new RecordingResult("r", 2, 0, 0, m)));
        assertTrue(Double.isNaN(report.speechVsRest().f1()));
        assertTrue(Double.isNaN(report.labelledSpeech("x")));
    }

    private static void assertScores(ClassScores s, double precision, double recall, double f1) {
        assertEquals(precision, s.precision(), EXACT, s.label() + " precision");
        assertEquals(recall, s.recall(), EXACT, s.label() + " recall");
        assertEquals(f1, s.f1(), EXACT, s.label() + " F1");
    }
}

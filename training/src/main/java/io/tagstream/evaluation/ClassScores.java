package io.tagstream.evaluation;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Precision, recall and F1 of one label, from a confusion matrix. With {@code tp} the frames of the label predicted
 * as it, {@code fp} the frames of other labels predicted as it and {@code fn} its frames predicted as another label:
 * precision {@code tp / (tp + fp)}, recall {@code tp / (tp + fn)}, F1 {@code 2 tp / (2 tp + fp + fn)}.
 *
 * <p>Undefined values are NaN (JSON {@code null}): precision when the label is never predicted, recall when it never
 * occurs in the reference, F1 only when both (the label occurs neither way). A label that occurs in the reference but is
 * never predicted thus has F1 0, as does one that is predicted but absent from the reference. {@link #macroF1} is the
 * mean over the defined F1 values: a label absent from both reference and predictions is left out, not counted as 0
 * or 1.
 *
 * @param label           the label's name
 * @param referenceFrames frames of the label in the reference ({@code tp + fn}, the support)
 * @param predictedFrames frames predicted as the label ({@code tp + fp})
 * @param truePositives   {@code tp}
 * @param precision       see above; NaN when undefined
 * @param recall          see above; NaN when undefined
 * @param f1              see above; NaN when undefined
 */
public record ClassScores(String label, long referenceFrames, long predictedFrames, long truePositives,
                          double precision, double recall, double f1) {

    /** The label the speech-vs-rest scores are of. */
    public static final String SPEECH = "speech";

    /** The scores of label {@code c} of {@code matrix}. */
    public static ClassScores of(ConfusionMatrix matrix, int c) {
        long tp = matrix.count(c, c);
        long reference = matrix.referenceFrames(c);
        long predicted = matrix.predictedFrames(c);
        return new ClassScores(matrix.labels().get(c), reference, predicted, tp, ConfusionMatrix.ratio(tp, predicted),
                ConfusionMatrix.ratio(tp, reference), ConfusionMatrix.ratio(2 * tp, reference + predicted));
    }

    /** The scores of every label of {@code matrix}, in label order. */
    public static List<ClassScores> all(ConfusionMatrix matrix) {
        return IntStream.range(0, matrix.size()).mapToObj(c -> of(matrix, c)).toList();
    }

    /** Mean F1 over the labels whose F1 is defined; NaN when none is. */
    public static double macroF1(List<ClassScores> scores) {
        return scores.stream().mapToDouble(ClassScores::f1).filter(f -> !Double.isNaN(f)).average()
                .orElse(Double.NaN);
    }

    /** {@link #macroF1(List)} of every label of {@code matrix}. */
    public static double macroF1(ConfusionMatrix matrix) {
        return macroF1(all(matrix));
    }

    /**
     * Speech against everything else (speech positive): the scores of {@value #SPEECH} in
     * {@link ConfusionMatrix#oneVersusRest}; all NaN when the label set has no {@value #SPEECH}.
     */
    public static ClassScores speechVsRest(ConfusionMatrix matrix) {
        int speech = matrix.indexOf(SPEECH);
        if (speech < 0) {
            return new ClassScores(SPEECH, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        return of(matrix.oneVersusRest(speech), 0);
    }

    /**
     * The share of the frames of {@code reference} (e.g. "music") labelled {@value #SPEECH}; NaN when there are none
     * or either label is not in the label set.
     */
    public static double labelledSpeech(ConfusionMatrix matrix, String reference) {
        int from = matrix.indexOf(reference);
        int speech = matrix.indexOf(SPEECH);
        return from < 0 || speech < 0 ? Double.NaN : matrix.share(from, speech);
    }
}

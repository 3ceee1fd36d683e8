package io.tagstream.evaluation;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The result of an evaluation: what was scored and how, each recording's counts, and the scores of all of them
 * together (computed from the summed confusion matrix; see {@link ClassScores} for undefined values, which are NaN).
 *
 * @param model        the model (file and what it was trained on)
 * @param data         what was evaluated
 * @param collarMillis no-score zone on each side of a reference boundary ({@link CollarMask})
 * @param hopMillis    frame length
 * @param scored       which labels of the model were scored
 * @param recordings   per recording, in order
 * @param confusion    the sum of the recordings' matrices
 */
public record EvaluationReport(String model, String data, double collarMillis, double hopMillis, ScoredLabels scored,
                               List<RecordingResult> recordings, ConfusionMatrix confusion) {

    public EvaluationReport {
        recordings = List.copyOf(recordings);
        if (!sum(confusion.labels(), recordings).equals(confusion)) {
            throw new IllegalArgumentException("the confusion matrix must be the sum of the recordings' matrices");
        }
    }

    /** The report of {@code recordings} (labels: the model's label set). */
    public static EvaluationReport of(String model, String data, double collarMillis, double hopMillis,
                                      ScoredLabels scored, List<String> labels, List<RecordingResult> recordings) {
        return new EvaluationReport(model, data, collarMillis, hopMillis, scored, recordings,
                sum(labels, recordings));
    }

    private static ConfusionMatrix sum(List<String> labels, List<RecordingResult> recordings) {
        return ConfusionMatrix.sum(labels, recordings.stream().map(RecordingResult::confusion).toList());
    }

    /**
     * The scored frames by what is present in them ({@link FrameMixtures}), summed over the recordings that have a
     * layers file, largest first; empty when none has.
     */
    public Map<String, ConfusionMatrix> byMixture() {
        return summed(RecordingResult::byMixture, Comparator.comparingLong(
                (Map.Entry<String, ConfusionMatrix> e) -> -e.getValue().total()).thenComparing(Map.Entry::getKey));
    }

    /**
     * The scored frames by source ({@link RecordingResult#bySource}), summed over the recordings, by the label of
     * their frames then largest first; empty when no recording knows its sources.
     */
    public Map<String, ConfusionMatrix> bySource() {
        return summed(RecordingResult::bySource, Comparator.comparingInt(
                        (Map.Entry<String, ConfusionMatrix> e) -> referenceRow(e.getValue()))
                .thenComparingLong(e -> -e.getValue().total())
                .thenComparing(Map.Entry::getKey));
    }

    /** The recordings' matrices of one breakdown summed by key, in the given order. */
    private Map<String, ConfusionMatrix> summed(Function<RecordingResult, Map<String, ConfusionMatrix>> breakdown,
            Comparator<Map.Entry<String, ConfusionMatrix>> order) {
        Map<String, ConfusionMatrix> sum = new TreeMap<>();
        for (RecordingResult r : recordings) {
            breakdown.apply(r).forEach((key, m) -> sum.merge(key, m, ConfusionMatrix::plus));
        }
        Map<String, ConfusionMatrix> ordered = new LinkedHashMap<>();
        sum.entrySet().stream().sorted(order).forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /** The reference label whose row holds a source's frames (a source is of one class), in label order. */
    static int referenceRow(ConfusionMatrix m) {
        for (int i = 0; i < m.labels().size(); i++) {
            if (m.referenceFrames(i) > 0) {
                return i;
            }
        }
        return m.labels().size();
    }

    /** All frames of all recordings. */
    public long frames() {
        return recordings.stream().mapToLong(RecordingResult::frames).sum();
    }

    /** Frames without a reference label. */
    public long unlabelledFrames() {
        return recordings.stream().mapToLong(RecordingResult::unlabelled).sum();
    }

    /** Labelled frames excluded by the collar. */
    public long collarFrames() {
        return recordings.stream().mapToLong(RecordingResult::inCollar).sum();
    }

    /** Frames scored: the total of the confusion matrix. */
    public long scoredFrames() {
        return confusion.total();
    }

    /** Frame accuracy over the scored frames; NaN when none. */
    public double accuracy() {
        return confusion.accuracy();
    }

    /** Precision, recall and F1 per label, in label order. */
    public List<ClassScores> classScores() {
        return ClassScores.all(confusion);
    }

    /** Mean F1 over the labels whose F1 is defined. */
    public double macroF1() {
        return ClassScores.macroF1(confusion);
    }

    /** {@link ClassScores#speechVsRest} of the scored frames. */
    public ClassScores speechVsRest() {
        return ClassScores.speechVsRest(confusion);
    }

    /** {@link ClassScores#labelledSpeech} of the scored frames. */
    public double labelledSpeech(String reference) {
        return ClassScores.labelledSpeech(confusion, reference);
    }
}

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

    /** The label "speech-vs-rest" and the "labelled speech" shares are about. */
    public static final String SPEECH = "speech";

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
        return ClassScores.macroF1(classScores());
    }

    /**
     * Speech against everything else (speech positive): the scores of {@code speech} in
     * {@link ConfusionMatrix#oneVersusRest}; all NaN when the label set has no "speech".
     */
    public ClassScores speechVsRest() {
        int speech = confusion.indexOf(SPEECH);
        if (speech < 0) {
            return new ClassScores(SPEECH, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        return ClassScores.of(confusion.oneVersusRest(speech), 0);
    }

    /**
     * The share of the scored frames of {@code reference} (e.g. "music") labelled speech; NaN when there are none or
     * either label is not in the label set.
     */
    public double labelledSpeech(String reference) {
        int from = confusion.indexOf(reference);
        int speech = confusion.indexOf(SPEECH);
        return from < 0 || speech < 0 ? Double.NaN : confusion.share(from, speech);
    }
}

package io.tagstream.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An {@link EvaluationReport} as text: a short summary for the terminal, and {@code report.md}. */
public final class ReportText {

    private ReportText() {
    }

    /** The terminal summary: data, frame counts, headline scores, per-label scores, the confusion matrix. */
    public static String summary(EvaluationReport report) {
        Map<String, ConfusionMatrix> mixtures = report.byMixture();
        return "evaluated " + report.data() + " (" + report.recordings().size() + " recordings) with "
                + report.model() + "\n"
                + frameLine(report) + "\n"
                + String.format(Locale.ROOT, "frame accuracy %s   macro F1 %s   speech-vs-rest F1 %s%n",
                        score(report.accuracy()), score(report.macroF1()), score(report.speechVsRest().f1()))
                + speechShares(report) + "\n\n"
                + classTable(report).aligned() + "\n"
                + "confusion (rows: reference, columns: predicted):\n"
                + confusionTable(report.confusion()).aligned()
                + (mixtures.isEmpty() ? ""
                        : "\nby what is present (from the corpus's layers files):\n"
                                + mixtureTable(report, mixtures).aligned());
    }

    /** {@code report.md}: the summary's content as Markdown, the picture, and a table per recording. */
    public static String markdown(EvaluationReport report, String confusionPng) {
        Map<String, ConfusionMatrix> mixtures = report.byMixture();
        return "# Evaluation\n\n"
                + "- model: " + report.model() + "\n"
                + "- data: " + report.data() + ", " + report.recordings().size() + " recordings\n"
                + "- scored: " + (report.scored() == ScoredLabels.FRAMES ? "each frame's most probable label"
                        : "the label of each frame's smoothed segment") + "\n"
                + "- " + frameLine(report) + "\n"
                + String.format(Locale.ROOT, "- collar: frames within %.0f ms of a reference boundary are not scored"
                        + " (see docs/evaluation.md)%n%n", report.collarMillis())
                + "## Scores\n\n"
                + new TextTable(List.of("score", "value"), List.of(
                        List.of("frame accuracy", score(report.accuracy())),
                        List.of("macro F1", score(report.macroF1())),
                        List.of("speech-vs-rest precision", score(report.speechVsRest().precision())),
                        List.of("speech-vs-rest recall", score(report.speechVsRest().recall())),
                        List.of("speech-vs-rest F1", score(report.speechVsRest().f1())))).markdown()
                + "\n" + speechShares(report) + "\n\n"
                + classTable(report).markdown() + "\n"
                + "## Confusion matrix (rows: reference, columns: predicted)\n\n"
                + confusionTable(report.confusion()).markdown() + "\n"
                + "![confusion matrix](" + confusionPng + ")\n\n"
                + (mixtures.isEmpty() ? "" : "## By what is present\n\n"
                        + "From the corpus's layers files (`NAME.layers.txt`, docs/corpus.md): the scored frames grouped"
                        + " by the classes present in them, and the share of them given each label.\n\n"
                        + mixtureTable(report, mixtures).markdown() + "\n")
                + (report.bySource().isEmpty() ? "" : "## By source\n\n"
                        + "From the corpus's manifest: the scored frames of each source (a prompt voice, a sonic-pi"
                        + " family, a library source `real:PACKAGE:SOURCE`, a generated recipe), grouped by the label"
                        + " of their frames. A frame counts for every source of its reference class in its clip, so"
                        + " a clip with two speech sources counts its speech frames for both; shares are of all scored"
                        + " frames.\n\n"
                        + breakdownTable("source", report, report.bySource()).markdown() + "\n")
                + "## Recordings\n\n"
                + recordingTable(report).markdown();
    }

    private static String frameLine(EvaluationReport report) {
        return String.format(Locale.ROOT, "frames: %d scored of %d (%d in the %.0f ms collar, %d unlabelled), %.0f ms"
                        + " each", report.scoredFrames(), report.frames(), report.collarFrames(), report.collarMillis(),
                report.unlabelledFrames(), report.hopMillis());
    }

    /** "music labelled speech 1.20 % of 4000 frames, noise labelled speech 0.00 % of 3000 frames". */
    private static String speechShares(EvaluationReport report) {
        List<String> parts = new ArrayList<>();
        for (String label : List.of("music", "noise")) {
            int index = report.confusion().indexOf(label);
            if (index >= 0) {
                parts.add(String.format(Locale.ROOT, "%s labelled speech %s of %d frames", label,
                        percent(report.labelledSpeech(label)), report.confusion().referenceFrames(index)));
            }
        }
        return String.join(", ", parts);
    }

    private static TextTable classTable(EvaluationReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ClassScores s : report.classScores()) {
            rows.add(List.of(s.label(), score(s.precision()), score(s.recall()), score(s.f1()),
                    Long.toString(s.referenceFrames()), Long.toString(s.predictedFrames())));
        }
        return new TextTable(List.of("label", "precision", "recall", "F1", "reference frames", "predicted frames"),
                rows);
    }

    /** Counts with the row percentage: "1234 (95.12 %)". */
    private static TextTable confusionTable(ConfusionMatrix matrix) {
        List<String> header = new ArrayList<>();
        header.add("reference \\ predicted");
        header.addAll(matrix.labels());
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < matrix.size(); r++) {
            List<String> row = new ArrayList<>();
            row.add(matrix.labels().get(r));
            for (int p = 0; p < matrix.size(); p++) {
                row.add(matrix.count(r, p) + " (" + percent(matrix.share(r, p)) + ")");
            }
            rows.add(row);
        }
        return new TextTable(header, rows);
    }

    /** Per mixture: frames, share of all scored, accuracy, and the share of its frames given each label. */
    private static TextTable mixtureTable(EvaluationReport report, Map<String, ConfusionMatrix> mixtures) {
        return breakdownTable("present", report, mixtures);
    }

    /** One row per group of frames: how many, their share of the scored frames, accuracy, and labels given. */
    private static TextTable breakdownTable(String what, EvaluationReport report, Map<String, ConfusionMatrix> groups) {
        List<String> labels = report.confusion().labels();
        List<String> header = new ArrayList<>(List.of(what, "frames", "share", "frame accuracy"));
        labels.forEach(label -> header.add("labelled " + label));
        List<List<String>> rows = new ArrayList<>();
        groups.forEach((group, m) -> {
            List<String> row = new ArrayList<>(List.of(group, Long.toString(m.total()),
                    percent(m.total() / (double) report.scoredFrames()), score(m.accuracy())));
            for (int p = 0; p < labels.size(); p++) {
                row.add(percent(m.predictedFrames(p) / (double) m.total()));
            }
            rows.add(row);
        });
        return new TextTable(header, rows);
    }

    private static TextTable recordingTable(EvaluationReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (RecordingResult r : report.recordings()) {
            rows.add(List.of(r.name(), Long.toString(r.frames()), Long.toString(r.inCollar()),
                    Long.toString(r.unlabelled()), Long.toString(r.scored()), score(r.confusion().accuracy())));
        }
        return new TextTable(List.of("recording", "frames", "in collar", "unlabelled", "scored", "frame accuracy"),
                rows);
    }

    /** "0.9512", or "n/a" for an undefined score. */
    static String score(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** "95.12 %", or "n/a". */
    static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * share);
    }
}

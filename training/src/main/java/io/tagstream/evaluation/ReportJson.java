package io.tagstream.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.json}: an {@link EvaluationReport} with snake_case keys, scores as numbers and undefined scores
 * (NaN) as {@code null}. The confusion matrix is {@code confusion.counts[reference][predicted]} in the order of
 * {@code confusion.labels}. A corpus with layers files adds {@code by_mixture}: per mixture (what is present in
 * the frames, e.g. "speech + music"; {@link FrameMixtures}), largest first, its scored frames, accuracy and confusion
 * matrix. A corpus with a manifest adds {@code by_source} in the same form: per source ({@link SourceGroups}), the
 * scored frames of its class in the clips that used it.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** The report as pretty-printed JSON text (ends with a newline). */
    public static String text(EvaluationReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The report as a JSON tree. */
    public static ObjectNode tree(EvaluationReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", report.model());
        root.put("data", report.data());
        root.put("scored_labels", report.scored().name().toLowerCase(Locale.ROOT));
        root.put("frame_ms", report.hopMillis());
        root.put("collar_ms", report.collarMillis());
        root.put("collar_rule", "frames overlapping (b - collar, b + collar) around each reference boundary b are not"
                + " scored; see docs/evaluation.md");
        ObjectNode frames = root.putObject("frames");
        frames.put("total", report.frames());
        frames.put("unlabelled", report.unlabelledFrames());
        frames.put("in_collar", report.collarFrames());
        frames.put("scored", report.scoredFrames());
        number(root, "frame_accuracy", report.accuracy());
        number(root, "macro_f1", report.macroF1());
        scores(root.putObject("speech_vs_rest"), report.speechVsRest());
        ObjectNode labelledSpeech = root.putObject("share_labelled_speech");
        for (String label : report.confusion().labels()) {
            if (!label.equals(ClassScores.SPEECH)) {
                number(labelledSpeech, label, report.labelledSpeech(label));
            }
        }
        ObjectNode classes = root.putObject("classes");
        for (ClassScores scores : report.classScores()) {
            scores(classes.putObject(scores.label()), scores);
        }
        confusion(root.putObject("confusion"), report.confusion());
        breakdown(root, "by_mixture", report.byMixture());
        breakdown(root, "by_source", report.bySource());
        ArrayNode recordings = root.putArray("recordings");
        for (RecordingResult r : report.recordings()) {
            ObjectNode node = recordings.addObject();
            node.put("name", r.name());
            node.put("frames", r.frames());
            node.put("unlabelled", r.unlabelled());
            node.put("in_collar", r.inCollar());
            node.put("scored", r.scored());
            number(node, "frame_accuracy", r.confusion().accuracy());
        }
        return root;
    }

    /** Per group of frames its scored count, accuracy and confusion matrix under {@code key}; nothing when empty. */
    private static void breakdown(ObjectNode root, String key, Map<String, ConfusionMatrix> groups) {
        if (groups.isEmpty()) {
            return;
        }
        ObjectNode all = root.putObject(key);
        groups.forEach((group, m) -> {
            ObjectNode node = all.putObject(group);
            node.put("scored", m.total());
            number(node, "frame_accuracy", m.accuracy());
            confusion(node.putObject("confusion"), m);
        });
    }

    private static void scores(ObjectNode node, ClassScores scores) {
        number(node, "precision", scores.precision());
        number(node, "recall", scores.recall());
        number(node, "f1", scores.f1());
        node.put("reference_frames", scores.referenceFrames());
        node.put("predicted_frames", scores.predictedFrames());
    }

    private static void confusion(ObjectNode node, ConfusionMatrix matrix) {
        ArrayNode labels = node.putArray("labels");
        matrix.labels().forEach(labels::add);
        node.put("rows", "reference");
        node.put("columns", "predicted");
        ArrayNode rows = node.putArray("counts");
        for (long[] row : matrix.counts()) {
            ArrayNode cells = rows.addArray();
            for (long count : row) {
                cells.add(count);
            }
        }
    }

    /** A finite value as a number, NaN as null. */
    private static void number(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}

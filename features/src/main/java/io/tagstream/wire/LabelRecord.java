package io.tagstream.wire;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The label of one frame, as published on {@code tagstream.labels}. Immutable; the probabilities are copied in and
 * {@link #probabilities()} returns a copy. JSON form: {@link LabelJson}, docs/wire-formats.md.
 *
 * @param stream        stream id, see {@link WireName}
 * @param frame         frame index in the stream, {@code >= 0}
 * @param startMs       start of the frame's time span, ms, {@code >= 0}
 * @param endMs         end of the frame's time span (exclusive), ms, {@code >= startMs}
 * @param label         the chosen label, one of {@code labels}
 * @param labels        the model's label set in its order: 1..{@value #MAX_LABELS} distinct names
 * @param probabilities {@code probabilities[i]} is the probability of {@code labels.get(i)}; finite, in [0, 1];
 *                      -0.0 is stored as 0.0
 * @param modelId       id of the model that produced the label, see {@link WireName}
 */
public record LabelRecord(
        String stream,
        long frame,
        long startMs,
        long endMs,
        String label,
        List<String> labels,
        float[] probabilities,
        String modelId) {

    /** Most labels in a label set. */
    public static final int MAX_LABELS = 1024;

    /**
     * The label set of the last record that checked one, as it keeps it (an unmodifiable copy). A model's records
     * all pass the same list (their own {@link #labels()} or the model's): checked once, not for every frame's
     * record; the streams app builds one per frame of every stream.
     */
    private static volatile List<String> lastLabelSet;

    public LabelRecord {
        WireName.require("stream", stream);
        require(frame >= 0, "frame must be >= 0, got " + frame);
        require(startMs >= 0, "start_ms must be >= 0, got " + startMs);
        require(endMs >= startMs, "end_ms " + endMs + " is before start_ms " + startMs);
        WireName.require("label", label);
        labels = requireLabelSet(labels);
        require(labels.contains(label), "label " + WireName.quote(label) + " is not one of the probability labels");
        require(probabilities != null, "probabilities are required");
        require(probabilities.length == labels.size(),
                probabilities.length + " probabilities for " + labels.size() + " labels");
        for (int i = 0; i < probabilities.length; i++) {
            require(probabilities[i] >= 0f && probabilities[i] <= 1f, "probability of "
                    + WireName.quote(labels.get(i)) + " is " + probabilities[i] + ", not in [0, 1]");
        }
        probabilities = probabilities.clone();
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] += 0.0f; // -0.0 becomes 0.0: one zero, so equal records give equal JSON
        }
        WireName.require("model id", modelId);
    }

    /** A copy of the probabilities, in label-set order. */
    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** The probability of {@code labels().get(i)}, without copying. */
    public float probability(int i) {
        return probabilities[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelRecord other
                && stream.equals(other.stream)
                && frame == other.frame
                && startMs == other.startMs
                && endMs == other.endMs
                && label.equals(other.label)
                && labels.equals(other.labels)
                && Arrays.equals(probabilities, other.probabilities)
                && modelId.equals(other.modelId);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(stream, frame, startMs, endMs, label, labels, modelId)
                + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "LabelRecord[stream=" + WireName.quote(stream) + ", frame=" + frame + ", startMs=" + startMs
                + ", endMs=" + endMs + ", label=" + WireName.quote(label) + ", labels=" + labels
                + ", probabilities=" + Arrays.toString(probabilities) + ", modelId=" + WireName.quote(modelId) + "]";
    }

    private static List<String> requireLabelSet(List<String> labels) {
        List<String> checked = lastLabelSet;
        if (labels == checked) {
            return checked; // the very list a record was built with before: unmodifiable and valid
        }
        require(labels != null, "labels are required");
        require(!labels.isEmpty() && labels.size() <= MAX_LABELS,
                "label set must have 1.." + MAX_LABELS + " labels, got " + labels.size());
        for (String name : labels) {
            WireName.require("label", name);
        }
        require(new HashSet<>(labels).size() == labels.size(), "label set has duplicate names: " + labels);
        List<String> copy = List.copyOf(labels);
        lastLabelSet = copy;
        return copy;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

package io.tagstream.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A run of frames with one label: frames {@code [startFrame, endFrame)}. The one span type of reference labels: a
 * corpus writes its label files from spans of classes, and the demo compares the reference's segments with the ones
 * the pipeline found as spans of label names.
 *
 * @param startFrame first frame
 * @param endFrame   one past the last frame
 * @param label      the label of every frame of the run
 * @param <L>        the label type
 */
public record LabelSpan<L>(long startFrame, long endFrame, L label) {

    public LabelSpan {
        Objects.requireNonNull(label, "label");
        if (startFrame < 0 || endFrame <= startFrame) {
            throw new IllegalArgumentException(
                    "label span needs 0 <= start < end, got " + startFrame + ".." + endFrame);
        }
    }

    public long frames() {
        return endFrame - startFrame;
    }

    /**
     * The maximal runs of equal, non-null labels of {@code perFrame}, in order; frames labelled {@code null} belong
     * to no run. Without nulls the runs tile {@code [0, perFrame.length)}.
     */
    public static <L> List<LabelSpan<L>> runs(L[] perFrame) {
        List<LabelSpan<L>> spans = new ArrayList<>();
        int start = 0;
        for (int f = 1; f <= perFrame.length; f++) {
            if (f == perFrame.length || !Objects.equals(perFrame[f], perFrame[start])) {
                if (perFrame[start] != null) {
                    spans.add(new LabelSpan<>(start, f, perFrame[start]));
                }
                start = f;
            }
        }
        return spans;
    }

    /**
     * The label of each frame of {@code perFrame} under {@code spans}: fills the array ({@code null} where no span
     * covers a frame; spans past its end are cut) and returns it.
     */
    public static <L> L[] perFrame(List<LabelSpan<L>> spans, L[] perFrame) {
        Arrays.fill(perFrame, null);
        for (LabelSpan<L> span : spans) {
            for (long f = span.startFrame; f < Math.min(span.endFrame, perFrame.length); f++) {
                perFrame[(int) f] = span.label;
            }
        }
        return perFrame;
    }
}

package io.tagstream.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run of label frames with one label: frames [startFrame, endFrame).
 *
 * @param startFrame first frame
 * @param endFrame   one past the last frame
 * @param label      the class of every frame of the run
 */
public record LabelSpan(long startFrame, long endFrame, SoundClass label) {

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

    /** The maximal runs of equal labels, in order; they tile [0, perFrame.length). */
    public static List<LabelSpan> runs(SoundClass[] perFrame) {
        List<LabelSpan> spans = new ArrayList<>();
        int start = 0;
        for (int f = 1; f <= perFrame.length; f++) {
            if (f == perFrame.length || perFrame[f] != perFrame[start]) {
                spans.add(new LabelSpan(start, f, perFrame[start]));
                start = f;
            }
        }
        return spans;
    }
}

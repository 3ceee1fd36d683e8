package io.tagstream.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run of frames with one label: frames {@code [start, end)}. Reference segments and the segments the pipeline
 * found are both compared as runs.
 *
 * @param start first frame
 * @param end   one past the last frame
 * @param label the label of every frame of the run
 */
public record LabelRun(long start, long end, String label) {

    public LabelRun {
        Objects.requireNonNull(label, "label");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a label run needs 0 <= start < end, got " + start + ".." + end);
        }
    }

    public long frames() {
        return end - start;
    }

    /** The maximal runs of equal, non-null labels of {@code perFrame}, in order (null frames belong to no run). */
    public static List<LabelRun> runs(String[] perFrame) {
        List<LabelRun> runs = new ArrayList<>();
        int start = 0;
        for (int f = 1; f <= perFrame.length; f++) {
            if (f == perFrame.length || !Objects.equals(perFrame[f], perFrame[start])) {
                if (perFrame[start] != null) {
                    runs.add(new LabelRun(start, f, perFrame[start]));
                }
                start = f;
            }
        }
        return runs;
    }

    /** The label of each of {@code frames} frames under {@code runs} (null where no run covers a frame). */
    public static String[] perFrame(List<LabelRun> runs, int frames) {
        String[] labels = new String[frames];
        for (LabelRun run : runs) {
            for (long f = run.start; f < Math.min(run.end, frames); f++) {
                labels[(int) f] = run.label;
            }
        }
        return labels;
    }
}

package io.tagstream.reference;

import io.tagstream.model.LabelSet;
import java.util.Arrays;
import java.util.List;

/**
 * Per-frame training targets from an Audacity label track. Frame {@code k} stands for the time span
 * {@code [k * hop, (k + 1) * hop)} (as in the labels the pipeline emits) and takes the label of the region
 * {@code [start, end)} that contains its centre {@code (k + 1/2) * hop}; a frame whose centre no region contains is
 * {@link #UNLABELLED} and counts in neither loss nor metrics. A synth corpus labels whole 10 ms frames, so with the
 * default 10 ms hop every frame's target is exactly its corpus label. Overlapping regions and unknown labels are
 * errors.
 */
public final class FrameTargets {

    /** Target of a frame no label region covers. */
    public static final int UNLABELLED = -1;

    private FrameTargets() {
    }

    /**
     * The index in {@code labels} of {@code region}, line {@code i} (from 0) of {@code source}; a label outside them is
     * an error naming the file and line.
     */
    public static int labelIndex(AudacityLabel region, int i, LabelSet labels, String source) {
        int label = labels.indexOf(region.label());
        if (label < 0) {
            throw new IllegalArgumentException(source + ": label " + (i + 1) + " '" + region.label()
                    + "' is not one of " + labels.names());
        }
        return label;
    }

    /**
     * Targets of {@code frames} frames of {@code hopSeconds}.
     *
     * @param source names the label file in messages
     * @throws IllegalArgumentException naming the file and line: a label outside {@code labels}, or two regions
     *                                  containing the same frame centre
     */
    public static int[] of(List<AudacityLabel> regions, int frames, double hopSeconds, LabelSet labels,
                           String source) {
        int[] targets = new int[frames];
        Arrays.fill(targets, UNLABELLED);
        for (int i = 0; i < regions.size(); i++) {
            AudacityLabel region = regions.get(i);
            int label = labelIndex(region, i, labels, source);
            int first = Math.max(0, firstCentreAtOrAfter(region.startSeconds(), hopSeconds));
            int end = Math.min(frames, firstCentreAtOrAfter(region.endSeconds(), hopSeconds));
            for (int k = first; k < end; k++) {
                if (targets[k] != UNLABELLED) {
                    throw new IllegalArgumentException(source + ": label " + (i + 1) + " overlaps another label at "
                            + (k + 0.5) * hopSeconds + " s");
                }
                targets[k] = label;
            }
        }
        return targets;
    }

    /**
     * The first frame whose centre {@code (k + 1/2) * hop} is at or after {@code seconds}: a region
     * {@code [start, end)} contains the centres of frames {@code [f(start), f(end))}.
     */
    public static int firstCentreAtOrAfter(double seconds, double hopSeconds) {
        return (int) Math.ceil(seconds / hopSeconds - 0.5);
    }
}

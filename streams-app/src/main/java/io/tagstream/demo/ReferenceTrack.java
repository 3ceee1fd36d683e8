package io.tagstream.demo;

import java.util.List;

import io.tagstream.reference.AudacityLabel;
import io.tagstream.evaluation.CollarMask;
import io.tagstream.evaluation.ConfusionMatrix;
import io.tagstream.model.LabelSet;
import io.tagstream.reference.FrameTargets;
import io.tagstream.reference.LabelSpan;

/**
 * The reference label of every frame of a recording, and which frames count, by the rules of {@code tagstream eval}:
 * frame {@code k} spans {@code [k, k+1) * hop} and takes the label of the region holding its centre
 * ({@link FrameTargets}); frames no region covers and frames in the collar of a reference boundary ({@link CollarMask},
 * 100 ms on each side) are not scored.
 */
public final class ReferenceTrack {

    /** The scoring collar on each side of a reference boundary, in milliseconds (as {@code tagstream eval}). */
    public static final double COLLAR_MS = 100;

    private final LabelSet labels;
    private final int[] reference; // [frames] label index, or FrameTargets.UNLABELLED
    private final boolean[] scored; // [frames]

    private ReferenceTrack(LabelSet labels, int[] reference, boolean[] scored) {
        this.labels = labels;
        this.reference = reference;
        this.scored = scored;
    }

    /**
     * @param regions  Audacity label regions (seconds)
     * @param frames   frames of the recording
     * @param labels   the model's label set; a reference label outside it is an error
     * @param source   names the label track in messages
     * @throws IllegalArgumentException if a reference label is not in {@code labels} or regions overlap
     */
    public static ReferenceTrack of(List<AudacityLabel> regions, int frames, double hopMs, double collarMs,
                                    LabelSet labels, String source) {
        int[] reference = FrameTargets.of(regions, frames, hopMs / 1000, labels, source);
        boolean[] collar = CollarMask.inCollar(reference, CollarMask.framesPerSide(collarMs, hopMs));
        boolean[] scored = new boolean[frames];
        for (int k = 0; k < frames; k++) {
            scored[k] = reference[k] != FrameTargets.UNLABELLED && !collar[k];
        }
        return new ReferenceTrack(labels, reference, scored);
    }

    public int frames() {
        return reference.length;
    }

    /** The reference label of {@code frame}, or null where no region covers it. */
    public String label(int frame) {
        return reference[frame] == FrameTargets.UNLABELLED ? null : labels.name(reference[frame]);
    }

    public boolean isScored(int frame) {
        return scored[frame];
    }

    /**
     * The confusion matrix of {@code predicted} (frame k's label at index k; fewer than {@link #frames()} = the frames
     * received so far) over the scored frames: its accuracy is the frame accuracy.
     */
    public ConfusionMatrix score(List<String> predicted) {
        int[] predictions = new int[reference.length];
        boolean[] counted = new boolean[reference.length];
        for (int k = 0; k < Math.min(predicted.size(), reference.length); k++) {
            predictions[k] = labels.indexOf(predicted.get(k));
            counted[k] = scored[k] && predictions[k] >= 0;
        }
        return ConfusionMatrix.count(labels.names(), reference, predictions, counted);
    }

    /** The reference segments: maximal runs of one reference label. */
    public List<LabelSpan<String>> segments() {
        String[] names = new String[reference.length];
        for (int k = 0; k < names.length; k++) {
            names[k] = label(k);
        }
        return LabelSpan.runs(names);
    }

    /**
     * How many reference segments {@code found} matches: a reference segment is matched when at least half of its
     * frames lie in found segments of its label.
     */
    public int matchedSegments(List<LabelSpan<String>> found) {
        String[] foundLabels = LabelSpan.perFrame(found, new String[reference.length]);
        int matched = 0;
        for (LabelSpan<String> segment : segments()) {
            long agreeing = 0;
            for (long f = segment.startFrame(); f < segment.endFrame(); f++) {
                agreeing += segment.label().equals(foundLabels[(int) f]) ? 1 : 0;
            }
            matched += 2 * agreeing >= segment.frames() ? 1 : 0;
        }
        return matched;
    }
}

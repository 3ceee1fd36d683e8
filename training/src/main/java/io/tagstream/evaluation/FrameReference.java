package io.tagstream.evaluation;

import io.tagstream.reference.AudacityLabel;
import io.tagstream.model.LabelSet;
import io.tagstream.reference.FrameTargets;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A recording's reference label and collar, frame by frame, from its label regions: what {@link FrameTargets#of} and
 * {@link CollarMask#inCollar} give as {@code [T]} arrays, asked one frame at a time so that memory follows the
 * regions, not the recording's length. The same rules and the same errors: frame {@code k} takes the label of the
 * region containing its centre, a label outside the model's set or two regions containing one frame centre are
 * errors naming the region, and the collar excludes the frames {@code b - n .. b + n - 1} around each boundary
 * {@code b} (a change of label, unlabelled counting as a label).
 */
final class FrameReference {

    /** A region's frames {@code [first, end)} and its label index. */
    private record Run(long first, long end, int label) {
    }

    private final TreeMap<Long, Run> runs = new TreeMap<>();      // by first frame; disjoint
    private final NavigableSet<Long> boundaries = new TreeSet<>();
    private final int collarFrames;

    /**
     * @param frames       the recording's frame count
     * @param collarFrames frames excluded on each side of a boundary ({@link CollarMask#framesPerSide})
     * @param source       names the label file in messages
     * @throws IllegalArgumentException as {@link FrameTargets#of} does
     */
    FrameReference(List<AudacityLabel> regions, long frames, double hopSeconds, LabelSet labels, int collarFrames,
                   String source) {
        if (collarFrames < 0) {
            throw new IllegalArgumentException("collar frames must be >= 0, got " + collarFrames);
        }
        this.collarFrames = collarFrames;
        for (int i = 0; i < regions.size(); i++) {
            AudacityLabel region = regions.get(i);
            int label = FrameTargets.labelIndex(region, i, labels, source);
            long first = Math.max(0, FrameTargets.firstCentreAtOrAfter(region.startSeconds(), hopSeconds));
            long end = Math.min(frames, FrameTargets.firstCentreAtOrAfter(region.endSeconds(), hopSeconds));
            if (first < end) {
                long overlap = firstOverlap(first, end);
                if (overlap >= 0) {
                    throw new IllegalArgumentException(source + ": label " + (i + 1) + " overlaps another label at "
                            + (overlap + 0.5) * hopSeconds + " s");
                }
                runs.put(first, new Run(first, end, label));
            }
        }
        for (Run run : runs.values()) {
            addBoundaryAt(run.first(), frames);
            addBoundaryAt(run.end(), frames);
        }
    }

    /** Frame {@code k}'s reference label, or {@link FrameTargets#UNLABELLED}. */
    int label(long k) {
        Map.Entry<Long, Run> run = runs.floorEntry(k);
        return run != null && k < run.getValue().end() ? run.getValue().label() : FrameTargets.UNLABELLED;
    }

    /** True when frame {@code k} lies in the collar of a boundary: some boundary {@code b} in {@code (k-n, k+n]}. */
    boolean inCollar(long k) {
        Long next = boundaries.ceiling(k - collarFrames + 1);
        return next != null && next <= k + collarFrames;
    }

    /** The first frame of {@code [first, end)} that an earlier region holds, or -1. */
    private long firstOverlap(long first, long end) {
        Map.Entry<Long, Run> before = runs.floorEntry(first);
        if (before != null && before.getValue().end() > first) {
            return first;
        }
        Long after = runs.ceilingKey(first);
        return after != null && after < end ? after : -1;
    }

    /** An edge {@code b} of a run is a boundary when {@code 0 < b < frames} and the labels on its sides differ. */
    private void addBoundaryAt(long b, long frames) {
        if (b > 0 && b < frames && label(b - 1) != label(b)) {
            boundaries.add(b);
        }
    }
}

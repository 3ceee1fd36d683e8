package io.tagstream.evaluation;

import io.tagstream.reference.AudacityLabel;
import io.tagstream.reference.FrameTargets;
import java.util.ArrayList;
import java.util.List;

/**
 * What is present in each frame, from a clip's layers file ({@code NAME.layers.txt} of {@code tagstream synth}: per
 * class, the regions where it is present; regions of different classes overlap). Frame {@code k} holds a class when
 * one of its regions contains the frame's centre {@code (k + 1/2) * hop}, as {@link FrameTargets} decides for labels.
 * A frame's mixture names its classes in the model's label order (classes it lacks after them), joined by
 * {@code " + "} ("speech + music"), or {@link #NOTHING}.
 */
final class FrameMixtures {

    /** The mixture of a frame where no class is present. */
    static final String NOTHING = "nothing";

    private FrameMixtures() {
    }

    /**
     * The mixture of each of {@code frames} frames of {@code hopSeconds}.
     *
     * @param order the labels in the order mixtures name them; labels of regions outside it (a corpus class the
     *              model does not have) come after them, in name order: the breakdown never fails a scoring
     */
    static String[] of(List<AudacityLabel> regions, int frames, double hopSeconds, List<String> order) {
        List<String> names = new ArrayList<>(order);
        regions.stream().map(AudacityLabel::label).filter(l -> !order.contains(l)).distinct().sorted()
                .forEach(names::add);
        boolean[][] present = new boolean[names.size()][frames];
        for (AudacityLabel region : regions) {
            int c = names.indexOf(region.label());
            int first = Math.max(0, FrameTargets.firstCentreAtOrAfter(region.startSeconds(), hopSeconds));
            int end = Math.min(frames, FrameTargets.firstCentreAtOrAfter(region.endSeconds(), hopSeconds));
            for (int k = first; k < end; k++) {
                present[c][k] = true;
            }
        }
        String[] mixtures = new String[frames];
        for (int k = 0; k < frames; k++) {
            List<String> here = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                if (present[c][k]) {
                    here.add(names.get(c));
                }
            }
            mixtures[k] = here.isEmpty() ? NOTHING : String.join(" + ", here);
        }
        return mixtures;
    }
}

package io.tagstream.evaluation;

import io.tagstream.corpus.AudacityLabel;
import io.tagstream.training.FrameTargets;
import java.util.ArrayList;
import java.util.List;

/**
 * What is present in each frame, from a clip's layers file ({@code NAME.layers.txt} of {@code tagstream synth}: per
 * class, the regions where it is present; regions of different classes overlap). Frame {@code k} holds a class when
 * one of its regions contains the frame's centre {@code (k + 1/2) * hop}, as {@link FrameTargets} decides for labels.
 * A frame's mixture names its classes in the label order, joined by {@code " + "} ("speech + music"), or
 * {@link #NOTHING}.
 */
final class FrameMixtures {

    /** The mixture of a frame where no class is present. */
    static final String NOTHING = "nothing";

    private FrameMixtures() {
    }

    /**
     * The mixture of each of {@code frames} frames of {@code hopSeconds}.
     *
     * @param order  the labels in the order mixtures name them; a region's label outside it is an error
     * @param source names the file in messages
     * @throws IllegalArgumentException naming the file and line of a label outside {@code order}
     */
    static String[] of(List<AudacityLabel> regions, int frames, double hopSeconds, List<String> order,
                       String source) {
        boolean[][] present = new boolean[order.size()][frames];
        for (int i = 0; i < regions.size(); i++) {
            AudacityLabel region = regions.get(i);
            int c = order.indexOf(region.label());
            if (c < 0) {
                throw new IllegalArgumentException(source + ": region " + (i + 1) + " '" + region.label()
                        + "' is not one of " + order);
            }
            int first = Math.max(0, FrameTargets.firstCentreAtOrAfter(region.startSeconds(), hopSeconds));
            int end = Math.min(frames, FrameTargets.firstCentreAtOrAfter(region.endSeconds(), hopSeconds));
            for (int k = first; k < end; k++) {
                present[c][k] = true;
            }
        }
        String[] mixtures = new String[frames];
        for (int k = 0; k < frames; k++) {
            List<String> here = new ArrayList<>();
            for (int c = 0; c < order.size(); c++) {
                if (present[c][k]) {
                    here.add(order.get(c));
                }
            }
            mixtures[k] = here.isEmpty() ? NOTHING : String.join(" + ", here);
        }
        return mixtures;
    }
}

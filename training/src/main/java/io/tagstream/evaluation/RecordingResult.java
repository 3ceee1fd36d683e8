package io.tagstream.evaluation;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one recording scored.
 *
 * @param name       the recording's name
 * @param frames     its frames ({@code unlabelled + inCollar + confusion.total()})
 * @param unlabelled frames no reference region covers (not scored)
 * @param inCollar   labelled frames inside the collar of a reference boundary (not scored)
 * @param confusion  the scored frames
 * @param byMixture  the scored frames by what is present in them ({@link FrameMixtures}); empty without a layers
 *                   file, else its matrices add up to {@code confusion}
 * @param bySource   the scored frames of each source (grouped by {@link SourceGroups}): a frame counts for every
 *                   source of its reference class in the recording; empty when the sources are unknown
 */
public record RecordingResult(String name, long frames, long unlabelled, long inCollar, ConfusionMatrix confusion,
                              Map<String, ConfusionMatrix> byMixture, Map<String, ConfusionMatrix> bySource) {

    /** A result without a breakdown by mixture or source. */
    public RecordingResult(String name, long frames, long unlabelled, long inCollar, ConfusionMatrix confusion) {
        this(name, frames, unlabelled, inCollar, confusion, Map.of(), Map.of());
    }

    public RecordingResult {
        byMixture = Collections.unmodifiableMap(new TreeMap<>(byMixture));
        bySource = Collections.unmodifiableMap(new TreeMap<>(bySource));
        if (!byMixture.isEmpty() && !ConfusionMatrix.sum(confusion.labels(), byMixture.values()).equals(confusion)) {
            throw new IllegalArgumentException(name + ": the matrices by mixture must add up to the confusion matrix");
        }
        if (unlabelled < 0 || inCollar < 0 || unlabelled + inCollar + confusion.total() != frames) {
            throw new IllegalArgumentException(name + ": " + frames + " frames must be " + unlabelled
                    + " unlabelled + " + inCollar + " in the collar + " + confusion.total() + " scored");
        }
    }

    /** Frames scored. */
    public long scored() {
        return confusion.total();
    }
}

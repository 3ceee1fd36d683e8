package io.tagstream.evaluation;

/**
 * How one recording scored.
 *
 * @param name       the recording's name
 * @param frames     its frames ({@code unlabelled + inCollar + confusion.total()})
 * @param unlabelled frames no reference region covers (not scored)
 * @param inCollar   labelled frames inside the collar of a reference boundary (not scored)
 * @param confusion  the scored frames
 */
public record RecordingResult(String name, long frames, long unlabelled, long inCollar, ConfusionMatrix confusion) {

    public RecordingResult {
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

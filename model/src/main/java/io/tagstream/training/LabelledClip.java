package io.tagstream.training;

/**
 * One recording of a corpus split, as training sees it: its feature frames and one target per frame.
 *
 * @param name    the WAV file's name, for messages
 * @param frames  {@code [T][inputDims]} feature vectors (shared, not copied: treat as read-only)
 * @param targets {@code [T]} label index per frame, or {@link FrameTargets#UNLABELLED}
 */
public record LabelledClip(String name, float[][] frames, int[] targets) {

    public LabelledClip {
        if (frames.length != targets.length) {
            throw new IllegalArgumentException(name + ": " + frames.length + " frames but " + targets.length
                    + " targets");
        }
    }

    /** Number of frames. */
    public int length() {
        return frames.length;
    }
}

package io.tagstream.model;

/**
 * Label probabilities of consecutive frames, as a stream emits them.
 *
 * @param firstFrame    stream index of the first frame (the frame sequence number)
 * @param probabilities [count][labelCount], one distribution per frame, in order
 */
public record EmittedFrames(long firstFrame, float[][] probabilities) {

    /** Number of frames. */
    public int count() {
        return probabilities.length;
    }

    /** True when no frame was emitted. */
    public boolean isEmpty() {
        return probabilities.length == 0;
    }
}

package io.tagstream.labels;

/**
 * A closed run of frames with one label.
 *
 * @param startFrame first frame of the segment
 * @param endFrame   one past its last frame
 * @param label      index into the model's label set
 * @param confidence mean probability of {@code label} over the segment's frames
 */
public record Segment(long startFrame, long endFrame, int label, double confidence) {

    public Segment {
        if (startFrame < 0 || endFrame <= startFrame) {
            throw new IllegalArgumentException("segment needs 0 <= start < end, got " + startFrame + ".." + endFrame);
        }
        if (label < 0) {
            throw new IllegalArgumentException("label index must be >= 0, got " + label);
        }
    }

    public long frames() {
        return endFrame - startFrame;
    }
}

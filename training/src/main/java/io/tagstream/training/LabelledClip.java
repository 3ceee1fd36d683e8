package io.tagstream.training;

import java.util.Arrays;

import io.tagstream.reference.FrameTargets;

/**
 * One recording of a corpus split, as training sees it: its feature frames and one target per frame. The frames are
 * held in one flat array ({@code [T * dims]}, frame after frame): a corpus of hours has millions of frames, and as
 * one small array each they made every garbage collection of a training step (one per step, see
 * {@link AdamOptimizer}) walk millions of objects.
 */
public final class LabelledClip {

    private final String name;
    private final float[] features;   // [T * dims], frame t at [t * dims, (t + 1) * dims)
    private final int dims;
    private final int[] targets;      // [T]

    /**
     * @param name    the WAV file's name, for messages
     * @param frames  {@code [T][dims]} feature vectors (copied)
     * @param targets {@code [T]} label index per frame, or {@link FrameTargets#UNLABELLED} (kept, not copied)
     * @throws IllegalArgumentException if the counts differ or the frames are not all of one width
     */
    public LabelledClip(String name, float[][] frames, int[] targets) {
        if (frames.length != targets.length) {
            throw new IllegalArgumentException(name + ": " + frames.length + " frames but " + targets.length
                    + " targets");
        }
        this.name = name;
        this.dims = frames.length == 0 ? 0 : frames[0].length;
        this.features = new float[frames.length * dims];
        for (int t = 0; t < frames.length; t++) {
            if (frames[t].length != dims) {
                throw new IllegalArgumentException(name + ": frame " + t + " has " + frames[t].length
                        + " values, frame 0 has " + dims);
            }
            System.arraycopy(frames[t], 0, features, t * dims, dims);
        }
        this.targets = targets;
    }

    /** The WAV file's name. */
    public String name() {
        return name;
    }

    /** Number of frames. */
    public int length() {
        return targets.length;
    }

    /** Values per frame (0 for a clip without frames). */
    public int dims() {
        return dims;
    }

    /** {@code [T]} label index per frame, or {@link FrameTargets#UNLABELLED} (shared: treat as read-only). */
    public int[] targets() {
        return targets;
    }

    /** Value {@code i} of frame {@code t}. */
    public float value(int t, int i) {
        return features[t * dims + i];
    }

    /** The frames as {@code [T][dims]} (a new copy). */
    public float[][] frames() {
        float[][] frames = new float[targets.length][];
        for (int t = 0; t < frames.length; t++) {
            frames[t] = Arrays.copyOfRange(features, t * dims, (t + 1) * dims);
        }
        return frames;
    }

    /** Copies {@code count} frames from frame {@code first} into {@code destination} at {@code offset}. */
    void copyFrames(int first, int count, float[] destination, int offset) {
        System.arraycopy(features, first * dims, destination, offset, count * dims);
    }
}

package io.tagstream.labels;

/**
 * How per-frame probabilities become segments (used identically by {@code tagstream label} and the streams app).
 *
 * <p>Hysteresis: a frame votes for a new label {@code c} only when {@code c} is its most probable label and
 * {@code p(c) - p(current) >= switchMargin}; the current segment closes only after {@code minSegmentFrames}
 * consecutive votes for the same new label, and the new segment starts at the first of those frames. So every
 * segment but the first of a stream is at least {@code minSegmentFrames} long, and a label changes at most once
 * per {@code minSegmentFrames} frames. With {@code minSegmentFrames = 1} and {@code switchMargin = 0} segments are
 * exactly the runs of the per-frame argmax.
 *
 * @param minSegmentFrames consecutive votes needed to switch label (the minimum segment length), at least 1
 * @param switchMargin     how much more probable the new label must be than the current one, in [0, 1)
 */
public record SegmentPolicy(int minSegmentFrames, double switchMargin) {

    /** 200 ms minimum segments (at 10 ms frames), no margin. */
    public static final SegmentPolicy DEFAULT = new SegmentPolicy(20, 0.0);

    public SegmentPolicy {
        if (minSegmentFrames < 1) {
            throw new IllegalArgumentException("minimum segment length must be at least 1 frame, got " + minSegmentFrames);
        }
        if (!(switchMargin >= 0.0 && switchMargin < 1.0)) {
            throw new IllegalArgumentException("switch margin must be in [0, 1), got " + switchMargin);
        }
    }
}

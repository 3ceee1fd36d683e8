package io.tagstream.model;

/**
 * How far each frame looks: frame {@code t} of layer {@code l} attends to the frames {@code [t - left, t + right]} of
 * layer {@code l - 1} that exist. {@code right = 0} is causal attention. Each layer waits for {@code right} frames of
 * lookahead, so an encoder of {@code N} layers emits a frame {@code N * right} frames after it arrives.
 *
 * @param left  frames of left context, at least 1
 * @param right frames of lookahead, at least 0
 */
public record AttentionSpan(int left, int right) {

    /** Upper bound on either side, so that buffers sized from a span stay reasonable. */
    public static final int MAX_CONTEXT = 65_536;

    public AttentionSpan {
        if (left < 1 || left > MAX_CONTEXT) {
            throw new IllegalArgumentException("left context must be 1.." + MAX_CONTEXT + " frames, got " + left);
        }
        if (right < 0 || right > MAX_CONTEXT) {
            throw new IllegalArgumentException("right context must be 0.." + MAX_CONTEXT + " frames, got " + right);
        }
    }

    /** Number of offsets a query can see: {@code left + right + 1}. */
    public int width() {
        return left + right + 1;
    }

    /** True when this span lies within {@code trained} (both sides at most the trained ones). */
    public boolean fitsWithin(AttentionSpan trained) {
        return left <= trained.left && right <= trained.right;
    }

    @Override
    public String toString() {
        return "[-" + left + ", +" + right + "]";
    }
}

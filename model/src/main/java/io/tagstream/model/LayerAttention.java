package io.tagstream.model;

/**
 * The attention weights of one frame in one layer (for the dashboard).
 *
 * @param layer   block index, from 0
 * @param frame   stream index of the query frame
 * @param span    the span used: {@code weights[h][j]} is head {@code h}'s weight on frame {@code frame + j - span.left()}
 * @param weights [heads][span.width()]; each row sums to 1 over the keys that exist, and is exactly 0 elsewhere
 */
public record LayerAttention(int layer, long frame, AttentionSpan span, float[][] weights) {

    /** Weight of head {@code head} on the key at {@code offset} frames from the query ({@code -left..right}). */
    public float weight(int head, int offset) {
        return weights[head][offset + span.left()];
    }
}

package io.tagstream.app.topology;

/**
 * The frames a frame was labelled from, cut out of a stream's recent history.
 *
 * @param firstFrame stream index of {@code frames[0]}
 * @param frames     consecutive fed frames {@code [n][dims]}
 * @param query      row of the frame whose attention is asked for
 */
public record AttentionWindow(long firstFrame, float[][] frames, int query) {
}

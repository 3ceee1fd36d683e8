package io.tagstream.app.config;

/**
 * What the labeller does when a stream's sequence numbers jump forward (frames were lost upstream).
 *
 * <ul>
 *   <li>{@link #CONTINUE}: the missing frames are simply absent; the frames after the gap attend to the frames before
 *       it as if they were adjacent (labels stay smooth over short drop-outs). The default.</li>
 *   <li>{@link #RESET}: the stream's context is cleared and labelling restarts at the first frame after the gap, as if
 *       a new stream had begun (no attention across the gap).</li>
 * </ul>
 * Either way the gap is logged, counted in the {@code tagstream_gaps_total} metric, and frame numbers in the label
 * records keep the sender's sequence numbers (so consumers see the hole).
 */
public enum GapPolicy {
    CONTINUE,
    RESET
}

package io.tagstream.app.topology;

import java.util.List;

import io.tagstream.wire.SegmentRecord;

/**
 * What a {@link StreamRing} gained since a client's {@link RingCursor}.
 *
 * @param streamId the stream
 * @param epoch    the ring's epoch
 * @param reset    true when the client must drop what it had (first read, or the stream's ring was replaced)
 * @param frames   stream indices of the new frames, in order
 * @param features their feature vectors {@code [frames.length][dims]}
 * @param labels   frames labelled since, in order
 * @param segments segments closed since, in order
 * @param ended    whether the stream has ended
 * @param next     the cursor after this delta
 */
public record RingDelta(String streamId, long epoch, boolean reset, long[] frames, float[][] features,
        List<Label> labels, List<SegmentRecord> segments, boolean ended, RingCursor next) {

    /** True when there is nothing to tell a client that already had the previous state. */
    public boolean isEmpty() {
        return !reset && frames.length == 0 && labels.isEmpty() && segments.isEmpty();
    }

    /**
     * One labelled frame.
     *
     * @param frame         stream index of the frame
     * @param probabilities its label probabilities, in label order
     */
    public record Label(long frame, float[] probabilities) {
    }
}

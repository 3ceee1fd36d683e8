package io.tagstream.app.topology;

/**
 * How far a dashboard client has read a {@link StreamRing}.
 *
 * @param epoch    the ring's epoch the positions belong to
 * @param frames   position of the next frame to send
 * @param labels   position up to which labels were sent
 * @param segments closed segments sent so far
 */
public record RingCursor(long epoch, long frames, long labels, long segments) {

    /** Nothing read yet of the ring of {@code epoch}. */
    public static RingCursor start(long epoch) {
        return new RingCursor(epoch, 0, 0, 0);
    }
}

package io.tagstream.labels;

/**
 * Everything a {@link Segmenter} remembers between frames: small, immutable, and stored per stream by the streams
 * app so that segments after a failover equal those of an uninterrupted run.
 *
 * @param nextFrame        the frame the segmenter expects next
 * @param currentLabel     label of the open segment, or -1 before the first frame
 * @param segmentStart     first frame of the open segment
 * @param currentSum       sum of p(current) over the open segment's confirmed frames
 * @param candidateLabel   label collecting votes to replace the current one, or -1
 * @param candidateStart   first frame of the candidate's consecutive votes
 * @param candidateOwnSum  sum of p(candidate) over those frames
 * @param candidateKeepSum sum of p(current) over those frames (folded back if the candidate fails)
 */
public record SegmenterState(
        long nextFrame,
        int currentLabel,
        long segmentStart,
        double currentSum,
        int candidateLabel,
        long candidateStart,
        double candidateOwnSum,
        double candidateKeepSum) {

    /** The state of a stream before its first frame. */
    public static SegmenterState start(long firstFrame) {
        return new SegmenterState(firstFrame, -1, firstFrame, 0.0, -1, firstFrame, 0.0, 0.0);
    }

    public boolean hasOpenSegment() {
        return currentLabel >= 0;
    }
}

package io.tagstream.app.topology;

/**
 * One line of the dashboard's list of streams.
 *
 * @param streamId      the stream
 * @param epoch         its ring's epoch on this instance
 * @param frames        frames fed to the model since the ring was opened
 * @param latestFrame   stream index of the newest labelled frame, or -1
 * @param probabilities that frame's label probabilities, or null
 * @param ended         whether the stream has ended
 */
public record StreamSummary(String streamId, long epoch, long frames, long latestFrame, float[] probabilities,
        boolean ended) {
}

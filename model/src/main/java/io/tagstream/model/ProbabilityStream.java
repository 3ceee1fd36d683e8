package io.tagstream.model;

/**
 * A recording's frames in, their label probabilities out, chunk by chunk: {@link StreamState} (the streaming path)
 * and {@link OfflineStream} (the offline path) both are one. Frames come out in order, each exactly once, the last
 * ones at {@link #flush()}.
 */
public interface ProbabilityStream {

    /** Feeds the next frames ({@code [n][inputDims]}, n >= 0) and returns the frames that became ready. */
    EmittedFrames accept(float[][] frames);

    /** Ends the recording: returns the frames not emitted yet. */
    EmittedFrames flush();
}

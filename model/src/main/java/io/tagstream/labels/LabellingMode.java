package io.tagstream.labels;

/** How a recording is run through the encoder: both give the same probabilities (invariant 1). */
public enum LabellingMode {
    /** The whole recording at once (blockwise banded attention). */
    OFFLINE,
    /** Frame chunks through a stream state, as the streams app does. */
    STREAMING
}

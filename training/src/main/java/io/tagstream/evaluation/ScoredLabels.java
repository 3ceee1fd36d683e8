package io.tagstream.evaluation;

/** Which of the model's labels an evaluation scores. */
public enum ScoredLabels {
    /** Each frame's most probable label (what the labels topic carries): the default. */
    FRAMES,
    /** The label of the smoothed segment each frame falls in (what the segments topic carries). */
    SEGMENTS
}

package io.tagstream.training;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.tagstream.reference.FrameTargets;

/**
 * One training step's input: {@code B} crops of {@code T} frames.
 *
 * @param features [B, T, inputDims] float32 frames (unnormalised: the graph normalises)
 * @param targets  [B*T, labelCount] float32 target weights: row {@code b*T + t} is the one-hot label of frame t of
 *                 crop b times its class weight, all rows divided by the batch's total weight (so they sum to 1);
 *                 zero for unlabelled frames
 * @param labels   [B*T] label index per frame, or {@link FrameTargets#UNLABELLED}
 */
record Batch(INDArray features, INDArray targets, int[] labels) {
}

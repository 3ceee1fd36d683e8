package io.tagstream.training;

/**
 * Progress after one training step, for a progress bar.
 *
 * @param epoch              1-based epoch
 * @param maxEpochs          the epoch limit
 * @param step               steps done in this epoch
 * @param stepsPerEpoch      steps of a full epoch
 * @param loss               mean batch loss of this epoch so far
 * @param accuracy           frame accuracy of this epoch's batches so far
 * @param secondsPerStep     mean wall time of a step in this session
 * @param secondsLeftInEpoch estimated wall time to the end of the epoch (steps only)
 * @param secondsLeftInBudget wall time left of the time budget ({@code Double.POSITIVE_INFINITY} without one)
 */
public record StepReport(int epoch, int maxEpochs, int step, int stepsPerEpoch, double loss, double accuracy,
                         double secondsPerStep, double secondsLeftInEpoch, double secondsLeftInBudget) {
}

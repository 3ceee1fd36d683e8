package io.tagstream.training;

import io.tagstream.model.EncoderWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a training run stands between epochs (besides its current weights and Adam's state): progress, the best
 * weights so far and the early-stopping count. Immutable; {@link #after} gives the state one epoch later.
 *
 * @param epochsDone               epochs completed (partial ones included)
 * @param stepsDone                steps taken in all (= Adam's iteration)
 * @param bestEpoch                epoch with the best dev macro F1 so far, 0 before the first
 * @param bestMacroF1              that F1, -1 before the first epoch
 * @param epochsWithoutImprovement epochs since the best one
 * @param best                     the best epoch's weights, null before the first epoch
 * @param history                  one record per completed epoch
 */
public record TrainingState(int epochsDone, long stepsDone, int bestEpoch, double bestMacroF1,
                            int epochsWithoutImprovement, EncoderWeights best, List<EpochRecord> history) {

    /** An F1 must beat the best by more than this to count as an improvement. */
    static final double MIN_IMPROVEMENT = 1e-6;

    public TrainingState {
        history = List.copyOf(history);
    }

    /** Before the first step. */
    public static TrainingState initial() {
        return new TrainingState(0, 0, 0, -1, 0, null, List.of());
    }

    /** True when {@code record} beats the best dev macro F1 so far. */
    public boolean improvedBy(EpochRecord record) {
        return record.devMacroF1() > bestMacroF1 + MIN_IMPROVEMENT;
    }

    /** The state after an epoch that ended with {@code weights} and scored {@code record}. */
    public TrainingState after(EpochRecord record, EncoderWeights weights) {
        List<EpochRecord> longer = new ArrayList<>(history);
        longer.add(record);
        if (improvedBy(record)) {
            return new TrainingState(record.epoch(), record.totalSteps(), record.epoch(), record.devMacroF1(), 0,
                    weights, longer);
        }
        return new TrainingState(record.epoch(), record.totalSteps(), bestEpoch, bestMacroF1,
                epochsWithoutImprovement + 1, best, longer);
    }

    /** The best epoch's record, or null before the first epoch. */
    public EpochRecord bestRecord() {
        return bestEpoch == 0 ? null : history.get(bestEpoch - 1);
    }
}

package io.tagstream.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch did: one entry of the training log and one point of the training curve.
 *
 * @param epoch         1-based
 * @param steps         steps taken in it (fewer than the epoch length when the time budget ended it early)
 * @param totalSteps    steps taken in the whole run up to its end
 * @param partial       true when the time budget ended it before its last step
 * @param trainLoss     mean of its steps' class-weighted batch losses (each before its update)
 * @param trainAccuracy frame accuracy of its batches' predictions (before each update), labelled frames only
 * @param devLoss       mean cross-entropy on the dev split after it (see {@link DevEvaluation})
 * @param devAccuracy   dev frame accuracy after it
 * @param devMacroF1    dev macro F1 after it (the early-stopping criterion)
 * @param devF1         dev F1 per label name
 * @param seconds       wall time of its steps and its validation
 * @param validationSeconds wall time of its validation alone
 */
public record EpochRecord(int epoch, int steps, long totalSteps, boolean partial, double trainLoss,
                          double trainAccuracy, double devLoss, double devAccuracy, double devMacroF1,
                          Map<String, Double> devF1, double seconds, double validationSeconds) {

    public EpochRecord {
        devF1 = Collections.unmodifiableMap(new LinkedHashMap<>(devF1));
    }

    /** Mean wall time of one of its steps. */
    public double secondsPerStep() {
        return steps == 0 ? 0 : (seconds - validationSeconds) / steps;
    }
}

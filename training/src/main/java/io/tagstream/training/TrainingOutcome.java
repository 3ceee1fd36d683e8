package io.tagstream.training;

import io.tagstream.model.ModelFile;
import java.util.List;

/**
 * The result of a training run.
 *
 * @param model      the best epoch's model (as written to {@link TrainingFiles#model()})
 * @param epochs     every epoch of the run (including those of earlier sessions when resumed)
 * @param bestEpoch  the epoch whose weights the model holds
 * @param stopReason why the run ended
 * @param stepsThisSession steps taken by this call (not counting earlier sessions)
 */
public record TrainingOutcome(ModelFile model, List<EpochRecord> epochs, int bestEpoch, StopReason stopReason,
                              long stepsThisSession) {

    public TrainingOutcome {
        epochs = List.copyOf(epochs);
    }
}

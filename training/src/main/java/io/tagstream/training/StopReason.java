package io.tagstream.training;

/** Why a training run ended. */
public enum StopReason {
    /** The epoch limit was reached. */
    MAX_EPOCHS,
    /** The dev macro F1 did not improve for {@code patience} epochs. */
    EARLY_STOPPING,
    /** The wall-clock budget ({@code --max-minutes}) ran out. */
    TIME_BUDGET
}

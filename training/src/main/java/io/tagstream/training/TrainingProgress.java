package io.tagstream.training;

/** Receives a training run's progress (the CLI draws a progress bar from it); called on the training thread. */
public interface TrainingProgress {

    /** Ignores everything. */
    TrainingProgress SILENT = new TrainingProgress() {
        @Override
        public void stepDone(StepReport report) {
        }

        @Override
        public void epochDone(EpochRecord record, boolean improved) {
        }

        @Override
        public void message(String line) {
        }
    };

    /** After every step. */
    void stepDone(StepReport report);

    /** After every epoch's validation; {@code improved} when its weights became the model. */
    void epochDone(EpochRecord record, boolean improved);

    /** A one-line note (corpus loaded, checkpoint written, ...). */
    void message(String line);
}

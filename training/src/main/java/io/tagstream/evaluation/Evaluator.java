package io.tagstream.evaluation;

import io.tagstream.reference.AudacityLabel;
import io.tagstream.reference.AudacityLabels;
import io.tagstream.features.AudioFileException;
import io.tagstream.labels.LabelSink;
import io.tagstream.labels.LabellingMode;
import io.tagstream.labels.RecordingLabeller;
import io.tagstream.model.LabelSet;
import io.tagstream.reference.FrameTargets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Scores a model against reference labels. Each recording is labelled offline by a {@link RecordingLabeller} (as
 * {@code tagstream label} does: 16-bit PCM, the model's features, the offline probabilities, read as a stream); frame
 * {@code k}
 * spans {@code [k, k+1) * hop}. Its reference label is that of the Audacity region containing the frame's centre
 * ({@link FrameTargets}); frames no region covers and frames in the {@link CollarMask collar} of a reference boundary
 * are not scored; every other frame adds one count to the confusion matrix.
 */
public final class Evaluator {

    private final RecordingLabeller labeller;
    private final LabelSet labels;
    private final double hopMillis;
    private final double collarMillis;
    private final ScoredLabels scored;

    /**
     * @param labeller     labels the recordings (its model's label set must be {@code labels})
     * @param labels       the model's label set; reference labels outside it are errors
     * @param hopMillis    the model's frame hop
     * @param collarMillis no-score zone on each side of a reference boundary, >= 0
     * @param scored       per-frame labels or segment labels
     */
    public Evaluator(RecordingLabeller labeller, LabelSet labels, double hopMillis, double collarMillis,
                     ScoredLabels scored) {
        CollarMask.framesPerSide(collarMillis, hopMillis); // validates both
        this.labeller = labeller;
        this.labels = labels;
        this.hopMillis = hopMillis;
        this.collarMillis = collarMillis;
        this.scored = scored;
    }

    /**
     * Scores every recording of {@code set}.
     *
     * @param model    what the model is, for the report
     * @param progress receives a line per recording scored
     * @throws EvaluationException naming the recording and the problem
     */
    public EvaluationReport evaluate(EvaluationSet set, String model, Consumer<String> progress) {
        List<RecordingResult> results = new ArrayList<>();
        for (ReferencedRecording recording : set.recordings()) {
            results.add(evaluate(recording));
            progress.accept("scored " + recording.name() + " (" + results.size() + "/" + set.recordings().size()
                    + ")");
        }
        return EvaluationReport.of(model, set.description(), collarMillis, hopMillis, scored, labels.names(),
                results);
    }

    /**
     * Scores one recording, labelled as a stream ({@link RecordingLabeller#label(Path, LabellingMode, LabelSink)}):
     * the counts accumulate frame by frame, so memory does not grow with the recording's length (apart from a
     * layers file's per-frame mixtures).
     */
    public RecordingResult evaluate(ReferencedRecording recording) {
        Path reading = recording.labels();
        try {
            List<AudacityLabel> regions = AudacityLabels.read(recording.labels());
            reading = recording.layers();
            List<AudacityLabel> layers = recording.layers() == null ? null : AudacityLabels.read(recording.layers());
            RecordingScorer scorer = new RecordingScorer(recording.name(), regions, layers, labels, hopMillis / 1000,
                    CollarMask.framesPerSide(collarMillis, hopMillis), scored,
                    recording.labels().getFileName().toString(), recording.sources());
            labeller.label(recording.wav(), LabellingMode.OFFLINE, scorer);
            return scorer.result();
        } catch (AudioFileException e) {
            throw new EvaluationException(e.getMessage(), e);
        } catch (IOException e) {
            throw new EvaluationException(reading + ": cannot read (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new EvaluationException(e.getMessage(), e);
        }
    }
}

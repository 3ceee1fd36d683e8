package io.tagstream.evaluation;

import io.tagstream.corpus.AudacityLabel;
import io.tagstream.corpus.AudacityLabels;
import io.tagstream.features.AudioFileException;
import io.tagstream.labels.LabelSink;
import io.tagstream.labels.LabellingMode;
import io.tagstream.labels.RecordingLabeller;
import io.tagstream.model.LabelSet;
import io.tagstream.training.FrameTargets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
                    recording.labels().getFileName().toString());
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

    /**
     * Scores predictions {@code [T]} against reference labels {@code [T]} ({@link FrameTargets#UNLABELLED} allowed),
     * by mixture too when {@code mixtures} ({@code [T]}, what is present in each frame) is not null.
     */
    RecordingResult score(String name, int[] reference, int[] predicted, String[] mixtures) {
        boolean[] collar = CollarMask.inCollar(reference, CollarMask.framesPerSide(collarMillis, hopMillis));
        boolean[] counted = new boolean[reference.length];
        long unlabelled = 0;
        long inCollar = 0;
        for (int t = 0; t < reference.length; t++) {
            if (reference[t] == FrameTargets.UNLABELLED) {
                unlabelled++;
            } else if (collar[t]) {
                inCollar++;
            } else {
                counted[t] = true;
            }
        }
        ConfusionMatrix confusion = ConfusionMatrix.count(labels.names(), reference, predicted, counted);
        return new RecordingResult(name, reference.length, unlabelled, inCollar, confusion,
                mixtures == null ? Map.of() : byMixture(reference, predicted, counted, mixtures));
    }

    private Map<String, ConfusionMatrix> byMixture(int[] reference, int[] predicted, boolean[] counted,
                                                   String[] mixtures) {
        if (mixtures.length != reference.length) {
            throw new IllegalArgumentException("mixtures must have one entry per frame, got " + mixtures.length
                    + " for " + reference.length);
        }
        int n = labels.size();
        Map<String, long[][]> counts = new TreeMap<>();
        for (int t = 0; t < reference.length; t++) {
            if (counted[t]) {
                counts.computeIfAbsent(mixtures[t], m -> new long[n][n])[reference[t]][predicted[t]]++;
            }
        }
        Map<String, ConfusionMatrix> byMixture = new TreeMap<>();
        counts.forEach((mixture, c) -> byMixture.put(mixture, new ConfusionMatrix(labels.names(), c)));
        return byMixture;
    }
}

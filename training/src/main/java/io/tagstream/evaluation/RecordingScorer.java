package io.tagstream.evaluation;

import io.tagstream.reference.AudacityLabel;
import io.tagstream.labels.LabelSink;
import io.tagstream.labels.Segment;
import io.tagstream.labels.Segmenter;
import io.tagstream.model.LabelSet;
import io.tagstream.reference.FrameTargets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores one recording as its labels arrive: each predicted frame (its argmax, or with {@link ScoredLabels#SEGMENTS}
 * its segment's label when the segment closes) adds one count to the confusion matrix, unless its reference is
 * unlabelled or in the collar. Holds the counts and the reference regions, not the frames; with a layers file, its
 * per-frame mixtures ({@link FrameMixtures}: one entry per frame, for corpus clips).
 */
final class RecordingScorer implements LabelSink {

    private final String name;
    private final List<AudacityLabel> regions;
    private final List<AudacityLabel> layers; // null without a layers file
    private final LabelSet labels;
    private final double hopSeconds;
    private final int collarFrames;
    private final ScoredLabels scored;
    private final String source;
    private final long[][] counts;            // [reference][predicted]
    private final Map<String, long[][]> byMixture = new TreeMap<>();
    private final Map<String, List<String>> sourcesByLabel; // label -> source groups of that class here
    private final Map<String, long[][]> bySource = new TreeMap<>();
    private FrameReference reference;
    private String[] mixtures;                // [T] or null
    private long frames;
    private long unlabelled;
    private long inCollar;

    RecordingScorer(String name, List<AudacityLabel> regions, List<AudacityLabel> layers, LabelSet labels,
                    double hopSeconds, int collarFrames, ScoredLabels scored, String source,
                    Map<String, List<String>> sources) {
        this.name = name;
        this.sourcesByLabel = SourceGroups.byLabel(sources);
        this.regions = regions;
        this.layers = layers;
        this.labels = labels;
        this.hopSeconds = hopSeconds;
        this.collarFrames = collarFrames;
        this.scored = scored;
        this.source = source;
        this.counts = new long[labels.size()][labels.size()];
    }

    @Override
    public void begin(long frameCount) {
        frames = frameCount;
        reference = new FrameReference(regions, frameCount, hopSeconds, labels, collarFrames, source);
        if (layers != null) {
            mixtures = FrameMixtures.of(layers, Math.toIntExact(frameCount), hopSeconds, labels.names());
        }
    }

    @Override
    public void frame(long frame, float[] probabilities) {
        if (scored == ScoredLabels.FRAMES) {
            count(frame, Segmenter.argmax(probabilities));
        }
    }

    @Override
    public void segment(Segment segment) {
        if (scored == ScoredLabels.SEGMENTS) {
            for (long k = segment.startFrame(); k < segment.endFrame(); k++) {
                count(k, segment.label());
            }
        }
    }

    /** The result, once every frame has been predicted. */
    RecordingResult result() {
        Map<String, ConfusionMatrix> matrices = new TreeMap<>();
        byMixture.forEach((mixture, c) -> matrices.put(mixture, new ConfusionMatrix(labels.names(), c)));
        Map<String, ConfusionMatrix> sources = new TreeMap<>();
        bySource.forEach((group, c) -> sources.put(group, new ConfusionMatrix(labels.names(), c)));
        return new RecordingResult(name, frames, unlabelled, inCollar, new ConfusionMatrix(labels.names(), counts),
                matrices, sources);
    }

    private void count(long k, int predicted) {
        int truth = reference.label(k);
        if (truth == FrameTargets.UNLABELLED) {
            unlabelled++;
        } else if (reference.inCollar(k)) {
            inCollar++;
        } else {
            counts[truth][predicted]++;
            if (mixtures != null) {
                byMixture.computeIfAbsent(mixtures[(int) k], m -> new long[labels.size()][labels.size()])
                        [truth][predicted]++;
            }
            for (String group : sourcesByLabel.getOrDefault(labels.names().get(truth), List.of())) {
                bySource.computeIfAbsent(group, g -> new long[labels.size()][labels.size()])[truth][predicted]++;
            }
        }
    }
}

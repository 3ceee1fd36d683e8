package io.tagstream.labels;

import java.util.List;

/**
 * A recording's labels: per-frame probabilities and the smoothed segments.
 *
 * @param labels        label names, in probability order
 * @param hopMillis     frame hop in milliseconds (frame k spans [k*hop, (k+1)*hop))
 * @param probabilities {@code [frames][labels]}
 * @param segments      segments under the labeller's {@link SegmentPolicy}, tiling all frames
 */
public record LabelledRecording(List<String> labels, double hopMillis, float[][] probabilities,
                                List<Segment> segments) {

    public LabelledRecording {
        labels = List.copyOf(labels);
        segments = List.copyOf(segments);
    }

    public int frames() {
        return probabilities.length;
    }

    /** Most probable label of frame {@code t}. */
    public String labelOf(int t) {
        return labels.get(Segmenter.argmax(probabilities[t]));
    }

    public double startSeconds(long frame) {
        return frame * hopMillis / 1000.0;
    }
}

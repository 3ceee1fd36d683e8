package io.tagstream.app.labeller;

import java.util.List;

/**
 * The attention weights of one frame in every layer of a labeller, as the dashboard shows them (the topology's own
 * type, so the REST layer never sees model types).
 *
 * @param left    frames of left context each layer attends to
 * @param right   frames of lookahead each layer attends to
 * @param layers  one entry per layer, from the input side: {@code [heads][left + right + 1]}, where
 *                {@code layers.get(l)[h][j]} is head {@code h}'s weight on the frame at offset {@code j - left} from
 *                the query frame; each row sums to 1 over the frames that exist and is 0 elsewhere
 */
public record FrameAttention(int left, int right, List<float[][]> layers) {

    public FrameAttention {
        if (left < 0 || right < 0) {
            throw new IllegalArgumentException("attention span must not be negative, got [-" + left + ", +" + right + "]");
        }
        layers = List.copyOf(layers);
        int width = left + right + 1;
        for (int l = 0; l < layers.size(); l++) {
            for (float[] head : layers.get(l)) {
                if (head.length != width) {
                    throw new IllegalArgumentException("layer " + l + " has a head of " + head.length
                            + " weights, the span [-" + left + ", +" + right + "] has " + width);
                }
            }
        }
    }

    /** Weights per row: {@code left + right + 1}. */
    public int width() {
        return left + right + 1;
    }
}

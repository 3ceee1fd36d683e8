package io.tagstream.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The encoder's convolutional front end with its trained weights: {@link ConvLayer}s between the normalised frames
 * and the input projection (none for a model without a front end). The offline path runs it here, a block of
 * frames at a time; the streaming path runs the same layers per stream over each stream's {@link ConvCache}s.
 */
final class ConvFrontEnd {

    private final List<ConvLayer> layers;
    private final int left;   // frames back an output frame depends on: the layers' left contexts summed
    private final int right;  // frames ahead: the layers' right contexts summed

    ConvFrontEnd(EncoderWeights weights) {
        EncoderConfig config = weights.config();
        FrontEnd front = config.frontEnd();
        List<ConvLayer> list = new ArrayList<>();
        for (int i = 0; i < front.layers().size(); i++) {
            list.add(new ConvLayer(front.layers().get(i), front.bins(config.inputDims(), i), front.channels(i),
                    weights.convWeights().get(i), weights.convBiases().get(i)));
        }
        this.layers = List.copyOf(list);
        this.left = front.leftContext();
        this.right = front.rightContext();
    }

    List<ConvLayer> layers() {
        return layers;
    }

    int left() {
        return left;
    }

    int right() {
        return right;
    }

    /**
     * The front end's output for frames {@code [a, b)} of a recording of {@code total} frames, {@code [b - a, P]}
     * from offset 0 of the returned array (a workspace buffer, or {@code normalised} itself without a front end).
     * {@code normalised[hi - lo, I]} holds the normalised frames {@code [lo, hi)} =
     * {@code [max(0, a - left), min(total, b + right))}: each layer computes the frames the layers after it still
     * need, so the result does not depend on how the recording is cut into blocks.
     */
    float[] forward(float[] normalised, int a, int b, int total, Workspace ws) {
        float[] in = normalised;
        int inLo = Math.max(0, a - left);
        int inHi = Math.min(total, b + right);
        int leftAfter = left;
        int rightAfter = right;
        for (int k = 0; k < layers.size(); k++) {
            ConvLayer layer = layers.get(k);
            leftAfter -= layer.left();
            rightAfter -= layer.right();
            int outLo = Math.max(0, a - leftAfter);
            int outHi = Math.min(total, b + rightAfter);
            float[] out = ws.frontEndRows(k, (outHi - outLo) * layer.outputWidth());   // [outHi - outLo, width]
            layer.forward(in, inHi - inLo, outLo - inLo, outHi - outLo, out, 0,
                    ws.convPadded(layer.paddedSize(outHi - outLo)));
            in = out;
            inLo = outLo;
            inHi = outHi;
        }
        return in;
    }
}

package io.tagstream.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One stream's mutable inference state: per front-end conv layer, the input frames its next outputs read (see
 * {@link ConvCache}), and per encoder layer, exactly the context that layer still needs (see {@link LayerCache}).
 * Frames go in with {@link #accept}, in chunks of any size; each frame's label probabilities come out as soon as its
 * lookahead ({@link Encoder#latencyFrames()}) has arrived, and the rest with {@link #flush()} at the end of the
 * stream. The state depends only on the last {@link Encoder#contextFrames()} frames received, which is how
 * {@link Encoder#rebuild} restores it exactly after a fail-over. Owned by one stream and used by one thread at a time;
 * the weights it runs on are shared.
 */
public final class StreamState implements ProbabilityStream {

    private final Encoder encoder;
    private final ConvCache[] convs;   // [front-end conv layers], none without a front end
    private final LayerCache[] layers; // [encoder layers], none in a model without blocks (then convs has some)
    private boolean finished;

    StreamState(Encoder encoder, ConvCache[] convs, LayerCache[] layers) {
        this.encoder = encoder;
        this.convs = convs;
        this.layers = layers;
    }

    /**
     * Feeds the next frames ({@code [n][inputDims]}, n >= 0) and returns the frames that became ready.
     *
     * @throws IllegalArgumentException if a frame has the wrong length or a non-finite value (the state is unchanged)
     * @throws IllegalStateException    after {@link #flush()}
     */
    @Override
    public EmittedFrames accept(float[][] frames) {
        if (frames == null) {
            throw new IllegalArgumentException("chunk is null");
        }
        return encoder.acceptAll(List.of(this), List.<float[][]>of(frames)).get(0);
    }

    /** Ends the stream: the frames still waiting for lookahead are computed with the frames that exist. */
    @Override
    public EmittedFrames flush() {
        return encoder.flushAll(List.of(this)).get(0);
    }

    /** Frames received so far (the index of the next frame to arrive). */
    public long framesReceived() {
        return convs.length > 0 ? convs[0].end() : layers[0].end();
    }

    /**
     * Bytes of float arrays this stream's state holds (its conv caches, and every layer's keys, values and pending
     * rows), capacity included: what a live stream costs in memory beyond a few small objects.
     */
    public long heldBytes() {
        long bytes = 0;
        for (ConvCache conv : convs) {
            bytes += conv.heldBytes();
        }
        for (LayerCache layer : layers) {
            bytes += layer.heldBytes();
        }
        return bytes;
    }

    /** Frames whose probabilities have been emitted (the index of the next frame to be emitted). */
    public long framesEmitted() {
        // the last layer's next output: the last encoder layer's, or the last conv layer's in a model without blocks
        return layers.length > 0 ? layers[layers.length - 1].nextOutput() : convs[convs.length - 1].nextOutput();
    }

    /** True once {@link #flush()} has run. */
    public boolean isFinished() {
        return finished;
    }

    /** The encoder this state belongs to. */
    public Encoder encoder() {
        return encoder;
    }

    /**
     * Per layer, the attention weights of the latest frame that layer has output (layer {@code l} runs
     * {@code (l + 1) * R} frames, plus the front end's lookahead, behind the input); layers that have output nothing
     * yet are left out, and a model without blocks has none.
     */
    public List<LayerAttention> latestAttention() {
        List<LayerAttention> result = new ArrayList<>();
        AttentionSpan span = encoder.options().span();
        for (int l = 0; l < layers.length; l++) {
            if (layers[l].latestAttentionFrame() >= 0) {
                float[] flat = layers[l].latestAttention();
                float[][] weights = new float[flat.length / span.width()][];
                for (int h = 0; h < weights.length; h++) {
                    weights[h] = Arrays.copyOfRange(flat, h * span.width(), (h + 1) * span.width());
                }
                result.add(new LayerAttention(l, layers[l].latestAttentionFrame(), span, weights));
            }
        }
        return result;
    }

    ConvCache conv(int index) {
        return convs[index];
    }

    int convCount() {
        return convs.length;
    }

    LayerCache layer(int index) {
        return layers[index];
    }

    int layerCount() {
        return layers.length;
    }

    void markFinished() {
        finished = true;
    }
}

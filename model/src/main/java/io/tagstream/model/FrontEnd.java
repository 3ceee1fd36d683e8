package io.tagstream.model;

import java.util.List;

/**
 * The encoder's optional convolutional front end: 1..{@value #MAX_LAYERS} convolutions over time x frequency (see
 * {@link ConvLayerSpec}), each followed by ReLU, between the normalised frames and the input projection. The input
 * {@code [T, inputDims]} is one channel of {@code inputDims} bins; the last layer's output at frame {@code t},
 * {@code [bins, channels]}, is flattened row-major (bin-major, channel fastest: index {@code f * channels + c}) into
 * the input projection, whose input width becomes {@code bins * channels}.
 *
 * <p>Frames: output frame {@code t} depends on input frames {@code [t - leftContext(), t + rightContext()]}; the
 * front end adds {@link #rightContext()} frames of latency and {@link #receptiveFrames()} frames to the context a
 * stream's state depends on. A model without a front end has {@link #NONE} (no layers).
 *
 * @param layers the convolutions, input to output (empty: no front end)
 */
public record FrontEnd(List<ConvLayerSpec> layers) {

    /** Most convolutions a front end may have. */
    public static final int MAX_LAYERS = 3;
    /** No front end: the normalised frames go straight into the input projection. */
    public static final FrontEnd NONE = new FrontEnd(List.of());

    public FrontEnd {
        if (layers == null || layers.stream().anyMatch(layer -> layer == null)) {
            throw new IllegalArgumentException("invalid front end: the list of conv layers (or one of them) is null");
        }
        if (layers.size() > MAX_LAYERS) {
            throw new IllegalArgumentException("invalid front end: at most " + MAX_LAYERS + " conv layers, got "
                    + layers.size());
        }
        layers = List.copyOf(layers);
    }

    /** A front end of the given convolutions, input to output. */
    public static FrontEnd of(ConvLayerSpec... layers) {
        return new FrontEnd(List.of(layers));
    }

    /** True unless this is {@link #NONE}. */
    public boolean isPresent() {
        return !layers.isEmpty();
    }

    /** Frames of lookahead, the sum of the layers' right contexts. */
    public int rightContext() {
        return layers.stream().mapToInt(ConvLayerSpec::rightContext).sum();
    }

    /** Frames back, the sum of the layers' left contexts. */
    public int leftContext() {
        return layers.stream().mapToInt(ConvLayerSpec::leftContext).sum();
    }

    /** Frames besides its own that an output frame depends on: {@code leftContext() + rightContext()}. */
    public int receptiveFrames() {
        return leftContext() + rightContext();
    }

    /** Bins entering layer {@code layer} (layer {@code layers().size()}: the front end's output). */
    public int bins(int inputDims, int layer) {
        int bins = inputDims;
        for (int i = 0; i < layer; i++) {
            bins = layers.get(i).outputBins(bins);
        }
        return bins;
    }

    /** Channels entering layer {@code layer} (layer {@code layers().size()}: the front end's output). */
    public int channels(int layer) {
        return layer == 0 ? 1 : layers.get(layer - 1).channels();
    }

    /** Width of a frame entering layer {@code layer}: {@code bins * channels}. */
    public int width(int inputDims, int layer) {
        return bins(inputDims, layer) * channels(layer);
    }

    /** Width of an output frame (the input projection's input): {@code inputDims} without a front end. */
    public int outputWidth(int inputDims) {
        return width(inputDims, layers.size());
    }

    @Override
    public String toString() {
        return isPresent() ? "conv" + layers : "none";
    }
}

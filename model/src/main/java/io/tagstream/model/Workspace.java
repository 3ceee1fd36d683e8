package io.tagstream.model;

/**
 * One thread's reusable working memory for the encoder: row buffers grown on demand and then reused, so that
 * steady-state inference allocates no large arrays. Never shared between threads; holds nothing between calls
 * that a stream needs (that lives in {@link StreamState}).
 */
final class Workspace {

    private final EncoderConfig config;
    private float[] frames = new float[0];         // [rows, I] frames of this step, concatenated over streams
    private float[] normalisedFrames = new float[0]; // [rows, I]
    private final float[][] frontEndRows = {new float[0], new float[0]}; // [rows, width] out of even / odd conv layers
    private float[] convPadded = new float[0];     // a conv layer's zero-padded input block (ConvLayer#paddedSize)
    private float[] layerInput = new float[0];     // [rows, d] rows entering the current layer
    private float[] layerOutput = new float[0];    // [rows, d] rows leaving the current layer
    private float[] normed = new float[0];         // [rows, d]
    private float[] qkv = new float[0];            // [rows, 3d]
    private float[] residual = new float[0];       // [rows, d] inputs of the rows being output (residual branch)
    private float[] context = new float[0];        // [rows, d] attention output, heads concatenated
    private float[] attended = new float[0];       // [rows, d] projected attention output / feed-forward output
    private float[] hidden = new float[0];         // [rows, F] feed-forward hidden layer
    private float[] probabilities = new float[0];  // [rows, C]
    private final float[] scores;                  // [heads, L + R + 1] one query's attention scores, every head
    private final float[] query;                   // [d] one query, rotated and scaled
    private KeyValueBuffer blockKeysValues;        // keys/values of one offline block
    private float[] blockQueries = new float[0];   // [rows, d] queries of one offline block and those projected ahead

    Workspace(EncoderConfig config, AttentionSpan span) {
        this.config = config;
        this.scores = new float[config.heads() * span.width()];
        this.query = new float[config.modelDims()];
    }

    float[] frames(int rows) {
        return frames = fit(frames, rows * config.inputDims());
    }

    float[] normalisedFrames(int rows) {
        return normalisedFrames = fit(normalisedFrames, rows * config.inputDims());
    }

    /** Output buffer of front-end conv layer {@code layer}, {@code size} values: consecutive layers never share one. */
    float[] frontEndRows(int layer, int size) {
        return frontEndRows[layer % 2] = fit(frontEndRows[layer % 2], size);
    }

    /** A conv layer's padded input block of {@code size} values (its contents are the layer's to overwrite). */
    float[] convPadded(int size) {
        return convPadded = fit(convPadded, size);
    }

    float[] layerInput(int rows) {
        return layerInput = fit(layerInput, rows * config.modelDims());
    }

    float[] layerOutput(int rows) {
        return layerOutput = fit(layerOutput, rows * config.modelDims());
    }

    /** Makes the last layer's output the next layer's input. */
    void swapLayerBuffers() {
        float[] previousInput = layerInput;
        layerInput = layerOutput;
        layerOutput = previousInput;
    }

    float[] normed(int rows) {
        return normed = fit(normed, rows * config.modelDims());
    }

    float[] qkv(int rows) {
        return qkv = fit(qkv, rows * 3 * config.modelDims());
    }

    float[] residual(int rows) {
        return residual = fit(residual, rows * config.modelDims());
    }

    float[] context(int rows) {
        return context = fit(context, rows * config.modelDims());
    }

    float[] attended(int rows) {
        return attended = fit(attended, rows * config.modelDims());
    }

    float[] hidden(int rows) {
        return hidden = fit(hidden, rows * config.feedForwardDims());
    }

    float[] probabilities(int rows) {
        return probabilities = fit(probabilities, rows * config.labelCount());
    }

    float[] scores() {
        return scores;
    }

    float[] query() {
        return query;
    }

    float[] blockQueries(int rows) {
        return blockQueries = fit(blockQueries, rows * config.modelDims());
    }

    /** The offline path's key/value buffer, created on first use. */
    KeyValueBuffer blockKeysValues(int capacity) {
        if (blockKeysValues == null) {
            blockKeysValues = new KeyValueBuffer(config.modelDims(), capacity, capacity);
        }
        return blockKeysValues;
    }

    private static float[] fit(float[] buffer, int size) {
        return buffer.length >= size ? buffer : new float[Math.max(size, buffer.length + buffer.length / 2)];
    }
}

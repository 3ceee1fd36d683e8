package io.tagstream.model;

import java.util.Arrays;

/**
 * One stream's context at one encoder layer: the frames this layer has received and may still need, i.e. the
 * queries/keys/values of the last {@code L} frames it has output plus of every frame still waiting for its lookahead,
 * and those waiting frames' inputs (for the residual branch). Frame positions are stream indices; the attention math
 * only ever sees row offsets within the buffer.
 */
final class LayerCache {

    private final KeyValueBuffer keysValues;
    private final int modelDims;
    private final int left;
    private final int right;
    private float[] inputs;               // [capacity, d] layer inputs of the rows held, same rows as keysValues
    private long firstPosition;           // stream position of row 0
    private long nextOutput;              // stream position of the next frame this layer outputs
    private final float[] latestAttention; // [heads, L + R + 1] weights of the latest frame output
    private long latestAttentionFrame = -1;

    /**
     * A cache whose first frame will be at {@code startPosition}. At stream start (position 0) there is nothing to
     * the left, so frames are output from 0 on; anywhere else (rebuilding mid-stream) the first frame output is
     * {@code startPosition + L}, the first one whose whole left context is held.
     */
    LayerCache(KeyValueBuffer keysValues, AttentionSpan span, int heads, long startPosition) {
        this.keysValues = keysValues;
        this.modelDims = keysValues.modelDims();
        this.left = span.left();
        this.right = span.right();
        this.inputs = new float[keysValues.capacity() * modelDims];
        this.firstPosition = startPosition;
        this.nextOutput = startPosition == 0 ? 0 : startPosition + left;
        this.latestAttention = new float[heads * span.width()];
    }

    /** Stream position one past the last frame received. */
    long end() {
        return firstPosition + keysValues.rows();
    }

    /** Stream position of the next frame to output. */
    long nextOutput() {
        return nextOutput;
    }

    /** Stream position of the first frame held. */
    long firstPosition() {
        return firstPosition;
    }

    KeyValueBuffer keysValues() {
        return keysValues;
    }

    /**
     * Appends {@code count} new frames: their inputs {@code x[count, d]} from {@code xOffset} and their projections
     * {@code qkv[count, 3d]} from {@code qkvOffset}. Frames no longer needed are dropped first when room is short.
     */
    void append(float[] x, int xOffset, float[] qkv, int qkvOffset, int count) {
        if (count == 0) {
            return;
        }
        if (keysValues.rows() + count > keysValues.capacity()) {
            dropUnneeded();
        }
        int row = keysValues.rows();
        keysValues.append(qkv, qkvOffset, count);
        if (inputs.length < keysValues.capacity() * modelDims) {
            inputs = Arrays.copyOf(inputs, keysValues.capacity() * modelDims);
        }
        System.arraycopy(x, xOffset, inputs, row * modelDims, count * modelDims);
    }

    /** Drops the frames before {@code nextOutput - L}: no future query can see them. */
    private void dropUnneeded() {
        long keepFrom = Math.max(firstPosition, nextOutput - left);
        int drop = (int) (keepFrom - firstPosition);
        if (drop > 0) {
            keysValues.discardFront(drop);
            System.arraycopy(inputs, drop * modelDims, inputs, 0, keysValues.rows() * modelDims);
            firstPosition = keepFrom;
        }
    }

    /** The frame at stream {@code position}: its input {@code [d]} then its projected q, k, v {@code [3d]}. */
    float[] frameAt(long position) {
        if (position < firstPosition || position >= end()) {
            throw new IllegalArgumentException("frame " + position + " is not held (holding " + firstPosition + ".."
                    + end() + ")");
        }
        int row = (int) (position - firstPosition);
        float[] frame = new float[4 * modelDims];
        System.arraycopy(inputs, row * modelDims, frame, 0, modelDims);
        System.arraycopy(keysValues.projectedRow(row), 0, frame, modelDims, 3 * modelDims);
        return frame;
    }

    /** Frames ready to output: those whose lookahead has arrived, or every pending one when flushing. */
    int readyCount(boolean flushing) {
        long until = flushing ? end() : end() - right;
        return (int) Math.max(0, until - nextOutput);
    }

    /**
     * Outputs the next {@code count} ready frames: their attention context {@code [count, d]} into {@code context}
     * from {@code contextOffset}, their inputs into {@code residual} from {@code residualOffset}.
     */
    void output(BandedAttention attention, int count, float[] context, int contextOffset, float[] residual,
                int residualOffset, float[] scores) {
        if (count == 0) {
            return;
        }
        int from = (int) (nextOutput - firstPosition);
        attention.attend(keysValues, from, from + count, context, contextOffset, scores, from + count - 1,
                latestAttention);
        System.arraycopy(inputs, from * modelDims, residual, residualOffset, count * modelDims);
        nextOutput += count;
        latestAttentionFrame = nextOutput - 1;
    }

    /** Stream position of the latest frame output, or -1 before the first. */
    long latestAttentionFrame() {
        return latestAttentionFrame;
    }

    /** [heads, L + R + 1] weights of the latest frame output (a copy). */
    float[] latestAttention() {
        return latestAttention.clone();
    }
}

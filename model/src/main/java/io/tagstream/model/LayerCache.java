package io.tagstream.model;

import java.util.Arrays;

/**
 * One stream's context at one encoder layer: the keys and values of the frames this layer may still attend to (the
 * last {@code L} frames it has output and every frame waiting for its lookahead), plus, for the waiting frames only,
 * their inputs (the residual branch) and queries. Frame positions are stream indices: rotary positions rotate a
 * frame's query and key by its index when it arrives; the attention math itself only sees row offsets within the
 * key/value buffer.
 */
final class LayerCache {

    private static final int INITIAL_PENDING_ROWS = 16;

    private final KeyValueBuffer keysValues;
    private final RotaryTable rotary;      // null unless rotary positions
    private final int modelDims;
    private final int left;
    private final int right;
    private long firstPosition;            // stream position of key/value row 0
    private long nextOutput;               // stream position of the next frame this layer outputs
    private int pending;                   // frames held at positions [nextOutput, end)
    private float[] pendingInputs;         // [pending, d] their layer inputs
    private float[] pendingQueries;        // [pending, d] their queries
    private final float[] latestAttention; // [heads, L + R + 1] weights of the latest frame output
    private long latestAttentionFrame = -1;

    /**
     * A cache whose first frame will be at {@code startPosition}. At stream start (position 0) there is nothing to
     * the left, so frames are output from 0 on; anywhere else (rebuilding mid-stream) the first frame output is
     * {@code startPosition + L}, the first one whose whole left context is held.
     */
    LayerCache(KeyValueBuffer keysValues, RotaryTable rotary, AttentionSpan span, int heads, long startPosition) {
        this.keysValues = keysValues;
        this.rotary = rotary;
        this.modelDims = keysValues.modelDims();
        this.left = span.left();
        this.right = span.right();
        this.firstPosition = startPosition;
        this.nextOutput = startPosition == 0 ? 0 : startPosition + left;
        this.pendingInputs = new float[INITIAL_PENDING_ROWS * modelDims];
        this.pendingQueries = new float[INITIAL_PENDING_ROWS * modelDims];
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

    /** Stream position of the first frame whose key and value are held. */
    long firstPosition() {
        return firstPosition;
    }

    /**
     * Appends {@code count} new frames: their inputs {@code x[count, d]} from {@code xOffset} and their projections
     * {@code qkv[count, 3d]} from {@code qkvOffset} (with rotary positions, their queries and keys are rotated to
     * their stream positions in place). Keys no longer needed are dropped first when room is short.
     */
    void append(float[] x, int xOffset, float[] qkv, int qkvOffset, int count) {
        if (count == 0) {
            return;
        }
        if (keysValues.rows() + count > keysValues.capacity()) {
            dropUnneeded();
        }
        long start = end();
        if (rotary != null) {
            rotary.rotateRows(qkv, qkvOffset, count, start);
        }
        keysValues.append(qkv, qkvOffset, count);
        int skip = (int) Math.max(0, Math.min(count, nextOutput - start)); // before the first output: keys only
        makePendingRoom(count - skip);
        for (int i = skip; i < count; i++) {
            System.arraycopy(x, xOffset + i * modelDims, pendingInputs, pending * modelDims, modelDims);
            System.arraycopy(qkv, qkvOffset + i * 3 * modelDims, pendingQueries, pending * modelDims, modelDims);
            pending++;
        }
    }

    /** Drops the keys/values before {@code nextOutput - L}: no future query can see them. */
    private void dropUnneeded() {
        long keepFrom = Math.max(firstPosition, nextOutput - left);
        int drop = (int) (keepFrom - firstPosition);
        if (drop > 0) {
            keysValues.discardFront(drop);
            firstPosition = keepFrom;
        }
    }

    private void makePendingRoom(int extra) {
        int needed = (pending + extra) * modelDims;
        if (needed > pendingInputs.length) {
            int size = Math.max(needed, 2 * pendingInputs.length);
            pendingInputs = Arrays.copyOf(pendingInputs, size);
            pendingQueries = Arrays.copyOf(pendingQueries, size);
        }
    }

    /** Frames ready to output: those whose lookahead has arrived, or every pending one when flushing. */
    int readyCount(boolean flushing) {
        long until = flushing ? end() : end() - right;
        return (int) Math.max(0, until - nextOutput);
    }

    /**
     * Outputs the next {@code context.rows()} ready frames: their attention context {@code [count, d]} into
     * {@code context}, their inputs into {@code residual} (both packed).
     */
    void output(BandedAttention attention, RowBlock context, RowBlock residual, Workspace ws) {
        int count = context.rows();
        if (count == 0) {
            return;
        }
        int firstRow = (int) (nextOutput - firstPosition);
        attention.attend(keysValues, RowBlock.of(pendingQueries, 0, count, modelDims), firstRow, context, ws,
                count - 1, latestAttention);
        System.arraycopy(pendingInputs, 0, residual.data(), residual.offset(), count * modelDims);
        int rest = (pending - count) * modelDims;
        System.arraycopy(pendingInputs, count * modelDims, pendingInputs, 0, rest);
        System.arraycopy(pendingQueries, count * modelDims, pendingQueries, 0, rest);
        pending -= count;
        nextOutput += count;
        latestAttentionFrame = nextOutput - 1;
    }

    /** Key and value {@code [2d]} of the frame at stream {@code position}: for inspection. */
    float[] keyValueAt(long position) {
        if (position < firstPosition || position >= end()) {
            throw new IllegalArgumentException("no key/value of frame " + position + " (holding " + firstPosition
                    + ".." + end() + ")");
        }
        return keysValues.keyValue((int) (position - firstPosition));
    }

    /** Input and query {@code [2d]} of the waiting frame at stream {@code position}: for inspection. */
    float[] pendingAt(long position) {
        if (position < nextOutput || position >= end()) {
            throw new IllegalArgumentException("frame " + position + " is not waiting (waiting: " + nextOutput + ".."
                    + end() + ")");
        }
        int row = (int) (position - nextOutput);
        float[] frame = new float[2 * modelDims];
        System.arraycopy(pendingInputs, row * modelDims, frame, 0, modelDims);
        System.arraycopy(pendingQueries, row * modelDims, frame, modelDims, modelDims);
        return frame;
    }

    /** Stream position of the latest frame output, or -1 before the first. */
    long latestAttentionFrame() {
        return latestAttentionFrame;
    }

    /** [heads, L + R + 1] weights of the latest frame output (a copy). */
    float[] latestAttention() {
        return latestAttention.clone();
    }

    /** Bytes of this layer's keys, values, pending rows and latest attention weights. */
    long heldBytes() {
        return keysValues.heldBytes() + 4L * (pendingInputs.length + pendingQueries.length + latestAttention.length);
    }
}

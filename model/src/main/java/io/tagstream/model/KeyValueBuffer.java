package io.tagstream.model;

import java.util.Arrays;

/**
 * Keys and values of consecutive frames of one layer, the memory of banded attention. Row {@code r} is the
 * {@code r}-th frame held. Values are stored by row, {@code d} wide with heads side by side, so that mixing a band
 * of frames sweeps one contiguous block of memory. Keys are stored by dimension, {@code [d, capacity]}: dimension
 * {@code j} of every held frame's key in a row of its own, so that a query's scores against a band of keys are
 * computed along the band, several keys side by side ({@link LaneKernels#scores}). Rows are stored as given (with
 * rotary positions, keys come rotated to their frames' positions, see {@link RotaryTable}) and never change, whatever
 * is dropped in front of them.
 */
final class KeyValueBuffer {

    private final int modelDims;
    private final int maxCapacity;
    private int capacity;
    private int rows;
    private float[] keys;               // [d, capacity]: by dimension
    private float[] values;             // [capacity, d]

    KeyValueBuffer(int modelDims, int initialCapacity, int maxCapacity) {
        this.modelDims = modelDims;
        this.maxCapacity = maxCapacity;
        this.capacity = Math.min(initialCapacity, this.maxCapacity);
        this.keys = new float[capacity * modelDims];
        this.values = new float[capacity * modelDims];
    }

    int rows() {
        return rows;
    }

    int capacity() {
        return capacity;
    }

    int modelDims() {
        return modelDims;
    }

    /** Keys by dimension: dimension {@code j} of row {@code r} at {@code j * capacity() + r}. */
    float[] keysByDimension() {
        return keys;
    }

    float[] values() {
        return values;
    }

    /** Forgets every row. */
    void clear() {
        rows = 0;
    }

    /**
     * Appends the keys and values of {@code count} rows of a fused projection {@code qkv[count, 3d]} (queries, keys,
     * values) read from {@code offset}, growing the buffer if needed.
     */
    void append(float[] qkv, int offset, int count) {
        reserve(count);
        int d = modelDims;
        for (int i = 0; i < count; i++) {
            int row = rows + i;
            int source = offset + i * 3 * d;
            for (int j = 0; j < d; j++) {
                keys[j * capacity + row] = qkv[source + d + j];
            }
            System.arraycopy(qkv, source + 2 * d, values, row * d, d);
        }
        rows += count;
    }

    /** Drops the first {@code count} rows; the rest move to the front. */
    void discardFront(int count) {
        if (count <= 0) {
            return;
        }
        int kept = rows - count;
        int d = modelDims;
        for (int j = 0; j < d; j++) {
            System.arraycopy(keys, j * capacity + count, keys, j * capacity, kept);
        }
        System.arraycopy(values, count * d, values, 0, kept * d);
        rows = kept;
    }

    /** Row {@code r}'s key and value, {@code [2d]}: for inspection. */
    float[] keyValue(int r) {
        int d = modelDims;
        float[] row = new float[2 * d];
        for (int j = 0; j < d; j++) {
            row[j] = keys[j * capacity + r];
        }
        System.arraycopy(values, r * d, row, d, d);
        return row;
    }

    private void reserve(int extra) {
        int needed = rows + extra;
        if (needed <= capacity) {
            return;
        }
        if (needed > maxCapacity) {
            throw new IllegalStateException("key/value buffer needs " + needed + " rows, more than its limit "
                    + maxCapacity);
        }
        int grown = Math.min(maxCapacity, Math.max(needed, 2 * capacity));
        float[] regrouped = new float[grown * modelDims];
        for (int j = 0; j < modelDims; j++) {
            System.arraycopy(keys, j * capacity, regrouped, j * grown, rows);
        }
        keys = regrouped;
        capacity = grown;
        values = Arrays.copyOf(values, capacity * modelDims);
    }

    /** Bytes of the keys and values this buffer holds room for. */
    long heldBytes() {
        return 4L * (keys.length + values.length);
    }
}

package io.tagstream.model;

import java.util.Arrays;

/**
 * Keys and values of consecutive frames of one layer, the memory of banded attention. Row {@code r} is the
 * {@code r}-th frame held; rows are {@code d} wide, heads side by side, so that attending to a band of frames
 * sweeps one contiguous block of memory. Rows are stored as given (with rotary positions, keys come rotated to their
 * frames' positions, see {@link RotaryTable}) and never change, whatever is dropped in front of them.
 */
final class KeyValueBuffer {

    private final int modelDims;
    private final int maxCapacity;
    private int capacity;
    private int rows;
    private float[] keys;               // [capacity, d]
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

    float[] keys() {
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
            System.arraycopy(qkv, source + d, keys, row * d, d);
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
        System.arraycopy(keys, count * d, keys, 0, kept * d);
        System.arraycopy(values, count * d, values, 0, kept * d);
        rows = kept;
    }

    /** Row {@code r}'s key and value, {@code [2d]}: for inspection. */
    float[] keyValue(int r) {
        int d = modelDims;
        float[] row = new float[2 * d];
        System.arraycopy(keys, r * d, row, 0, d);
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
        capacity = Math.min(maxCapacity, Math.max(needed, 2 * capacity));
        keys = Arrays.copyOf(keys, capacity * modelDims);
        values = Arrays.copyOf(values, capacity * modelDims);
    }
}

package io.tagstream.model;

import java.util.Arrays;

/**
 * Queries, keys and values of consecutive frames of one layer, laid out for banded attention. Row {@code r} is the
 * {@code r}-th frame held. With rotary positions, row {@code r}'s query and key are stored rotated by position
 * {@code r} (relative to row 0, never to the stream's start); dropping rows from the front re-bases the rest.
 * Keys are stored transposed per head so that one query's scores over a band of keys are a vectorisable loop.
 */
final class KeyValueBuffer {

    private final int modelDims;
    private final int heads;
    private final int headDims;
    private final RotaryTable rotary;   // null without rotary positions
    private final int maxCapacity;
    private int capacity;
    private int rows;
    private float[] queries;            // [capacity, d]
    private float[] keys;               // [heads, headDims, capacity] (transposed per head)
    private float[] values;             // [capacity, d]
    private final float[] keyRow;       // [d] one key row before it is transposed

    KeyValueBuffer(int modelDims, int heads, RotaryTable rotary, int initialCapacity, int maxCapacity) {
        this.modelDims = modelDims;
        this.heads = heads;
        this.headDims = modelDims / heads;
        this.rotary = rotary;
        this.maxCapacity = rotary == null ? maxCapacity : Math.min(maxCapacity, rotary.maxPosition() + 1);
        this.capacity = Math.min(initialCapacity, this.maxCapacity);
        this.queries = new float[capacity * modelDims];
        this.keys = new float[capacity * modelDims];
        this.values = new float[capacity * modelDims];
        this.keyRow = new float[modelDims];
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

    float[] queries() {
        return queries;
    }

    float[] keys() {
        return keys;
    }

    float[] values() {
        return values;
    }

    /** Row {@code r}'s query, key and value as projected ({@code [3d]}, rotation undone): for inspection. */
    float[] projectedRow(int r) {
        int d = modelDims;
        float[] row = new float[3 * d];
        System.arraycopy(queries, r * d, row, 0, d);
        for (int column = 0; column < d; column++) {
            row[d + column] = keys[column * capacity + r];
        }
        System.arraycopy(values, r * d, row, 2 * d, d);
        if (rotary != null) {
            rotary.rotateRow(row, 0, -r);
            rotary.rotateRow(row, d, -r);
        }
        return row;
    }

    /** Forgets every row. */
    void clear() {
        rows = 0;
    }

    /** Makes room for {@code rows() + extra} rows, growing the buffers if needed. */
    void reserve(int extra) {
        int needed = rows + extra;
        if (needed <= capacity) {
            return;
        }
        if (needed > maxCapacity) {
            throw new IllegalStateException("key/value buffer needs " + needed + " rows, more than its limit "
                    + maxCapacity);
        }
        int grown = Math.min(maxCapacity, Math.max(needed, 2 * capacity));
        queries = Arrays.copyOf(queries, grown * modelDims);
        values = Arrays.copyOf(values, grown * modelDims);
        float[] wider = new float[grown * modelDims];
        for (int column = 0; column < modelDims; column++) {
            System.arraycopy(keys, column * capacity, wider, column * grown, rows);
        }
        keys = wider;
        capacity = grown;
    }

    /**
     * Appends {@code count} rows of a fused projection {@code qkv[count, 3d]} (queries, keys, values) read from
     * {@code offset}, growing the buffer if needed.
     */
    void append(float[] qkv, int offset, int count) {
        reserve(count);
        int d = modelDims;
        for (int i = 0; i < count; i++) {
            int row = rows + i;
            int source = offset + i * 3 * d;
            System.arraycopy(qkv, source, queries, row * d, d);
            System.arraycopy(qkv, source + d, keyRow, 0, d);
            System.arraycopy(qkv, source + 2 * d, values, row * d, d);
            if (rotary != null) {
                rotary.rotateRow(queries, row * d, row);
                rotary.rotateRow(keyRow, 0, row);
            }
            for (int column = 0; column < d; column++) {
                keys[column * capacity + row] = keyRow[column];
            }
        }
        rows += count;
    }

    /** Drops the first {@code count} rows; the rest move to the front and are re-based to their new row index. */
    void discardFront(int count) {
        if (count <= 0) {
            return;
        }
        int kept = rows - count;
        int d = modelDims;
        System.arraycopy(queries, count * d, queries, 0, kept * d);
        System.arraycopy(values, count * d, values, 0, kept * d);
        for (int column = 0; column < d; column++) {
            System.arraycopy(keys, column * capacity + count, keys, column * capacity, kept);
        }
        rows = kept;
        if (rotary != null) {
            for (int r = 0; r < kept; r++) {
                rotary.rotateRow(queries, r * d, -count);
            }
            rotateKeys(kept, -count);
        }
    }

    /** Rotates the keys of rows {@code [0, count)} by position {@code p}, all alike. */
    private void rotateKeys(int count, int p) {
        for (int h = 0; h < heads; h++) {
            for (int pair = 0; pair < headDims / 2; pair++) {
                int first = (h * headDims + 2 * pair) * capacity;
                rotary.rotateColumns(keys, first, first + capacity, count, pair, p);
            }
        }
    }
}

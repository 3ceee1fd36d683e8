package io.tagstream.model;

/**
 * A block of {@code rows} rows of {@code width} floats inside a row-major array: row {@code r} starts at
 * {@code offset + r * stride}. The stride is the width for a plain block; a wider stride views a column slice of
 * wider rows (the queries of {@code qkv[rows, 3d]} rows are a block of width {@code d} and stride {@code 3d}). The
 * kernels take and return blocks instead of parallel array, offset and row-count arguments.
 *
 * @param data   the array the rows live in
 * @param offset index of row 0's first value
 * @param rows   number of rows
 * @param width  values per row
 * @param stride distance between the starts of consecutive rows, {@code >= width}
 */
record RowBlock(float[] data, int offset, int rows, int width, int stride) {

    RowBlock {
        if (rows < 0 || width < 1 || stride < width || offset < 0
                || rows > 0 && offset + (long) (rows - 1) * stride + width > data.length) {
            throw new IllegalArgumentException("row block of " + rows + " rows x " + width + " (stride " + stride
                    + ") from " + offset + " does not fit an array of " + data.length);
        }
    }

    /** Rows of {@code width} values one after another from {@code offset}. */
    static RowBlock of(float[] data, int offset, int rows, int width) {
        return new RowBlock(data, offset, rows, width, width);
    }

    /** Index in {@link #data()} of the first value of row {@code row}. */
    int start(int row) {
        return offset + row * stride;
    }

    /** Rows {@code [from, from + count)} of this block. */
    RowBlock slice(int from, int count) {
        return new RowBlock(data, offset + from * stride, count, width, stride);
    }

    /** The first {@code columns} values of every row (for a block that packs several row vectors side by side). */
    RowBlock columns(int columns) {
        return new RowBlock(data, offset, rows, columns, stride);
    }

    /** Whether the rows follow one another without gaps (what a GEMM reads and writes). */
    boolean packed() {
        return stride == width;
    }
}

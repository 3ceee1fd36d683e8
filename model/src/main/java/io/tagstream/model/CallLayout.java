package io.tagstream.model;

/**
 * Where a {@link SlottedGemm} puts the real rows of a BLAS call, and which side of the product they are on: the
 * call's row count for a given number of real rows, the call row of each, zeros in every other row. A BLAS picks its
 * kernel, and so the order of a row's sums, by the call's shape and the row's place in it; a layout that gives every
 * real row the same kind of place gives every row the same bits however rows are batched. Which layouts do that is a
 * property of the BLAS and the CPU: {@link RowInvariance} checks them where the encoder runs.
 */
public interface CallLayout {

    /** Which side of the BLAS product the rows are on. */
    Nd4jGemm.Orientation orientation();

    /** Real rows of the largest call. */
    int capacity();

    /** Rows of the largest call (real rows and zeros). */
    int maxCallRows();

    /** Rows of the call that holds {@code rows} real rows, 1 to {@link #capacity()}. */
    int callRows(int rows);

    /** The call row of real row {@code i} of a call that holds {@code rows} real rows. */
    int callRow(int rows, int i);

    /** A short name, e.g. "6 of every 12 rows, calls of up to 252". */
    String describe();
}

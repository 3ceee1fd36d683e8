package io.tagstream.model;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Gemm} through ND4J's BLAS ({@code Nd4j.gemm} into a preallocated result). Row-major {@code [rows, k]}
 * memory is the same as column-major {@code [k, rows]}, so the activations and weights are handed over as
 * column-major views of the row-major buffers, and the {@link Orientation} says which side of the BLAS product the
 * activation rows are on. Each weight matrix is copied off-heap once; each thread stages activations in its own
 * off-heap buffers, whose views are created once per distinct row count, so a call allocates nothing in the steady
 * state.
 */
public final class Nd4jGemm implements Gemm {

    /**
     * Which side of the BLAS product the activation rows are. A BLAS picks its kernels by the shape of the call and
     * a row's place in it, and the two sides go through different kernel paths (docs/model.md, "Row invariance").
     */
    public enum Orientation {
        /**
         * {@code out^T[n, rows] = W^T[n, k] · in^T[k, rows]}: the rows are the columns of the product (BLAS N), whose
         * column-major result is the row-major {@code out}: no copies beyond the staging.
         */
        ROWS_AS_COLUMNS,
        /**
         * {@code out[rows, n] = in[rows, k] · W[k, n]}, the product column-major: the rows are the rows of the
         * product (BLAS M); the result is transposed into the row-major {@code out}.
         */
        ROWS_AS_ROWS
    }

    // identity-keyed: WeightTensor does not override equals
    private final Map<WeightTensor, INDArray> transposedWeights = new ConcurrentHashMap<>();
    private final ThreadLocal<Staging> staging = ThreadLocal.withInitial(Staging::new);
    private final Orientation orientation;

    /** The rows as the product's columns ({@link Orientation#ROWS_AS_COLUMNS}), the fastest plain call. */
    public Nd4jGemm() {
        this(Orientation.ROWS_AS_COLUMNS);
    }

    public Nd4jGemm(Orientation orientation) {
        if (orientation == null) {
            throw new IllegalArgumentException("an ND4J GEMM needs an orientation");
        }
        this.orientation = orientation;
    }

    public Orientation orientation() {
        return orientation;
    }

    @Override
    public void multiply(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset) {
        if (rows > 0) {
            call(in, inOffset, rows, w, out, outOffset, null);
        }
    }

    /**
     * One BLAS call of {@code layout.callRows(rows)} rows: real row {@code i} of {@code in} at call row
     * {@code layout.callRow(rows, i)}, zeros in the others, staged straight into the off-heap buffers; the real rows'
     * products are copied to {@code out}. {@code rows} is 1 to {@code layout.capacity()}, and the layout's
     * orientation is this GEMM's.
     */
    void multiply(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset, CallLayout layout) {
        if (layout.orientation() != orientation || rows < 1 || rows > layout.capacity()) {
            throw new IllegalArgumentException("a call of " + rows + " rows in " + layout.describe() + " on an ND4J "
                    + "GEMM with the rows as " + orientation);
        }
        call(in, inOffset, rows, w, out, outOffset, layout);
    }

    /** {@code layout} null: the rows as they are. */
    private void call(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset,
            CallLayout layout) {
        int k = w.dim(0);
        int n = w.dim(1);
        int callRows = layout == null ? rows : layout.callRows(rows);
        INDArray weightT = transposedWeights.computeIfAbsent(w, Nd4jGemm::columnMajorTranspose); // [n, k]
        Staging buffers = staging.get();
        INDArray inT = buffers.inputView(callRows, k);    // [k, callRows] column-major over the input staging buffer
        if (layout == null) {
            buffers.inputFloats.put(0, in, inOffset, rows * k);
        } else {
            buffers.stageRows(in, inOffset, rows, k, callRows, layout);
        }
        if (orientation == Orientation.ROWS_AS_COLUMNS) {
            INDArray outT = buffers.outputView(callRows, n);  // [n, callRows] column-major: row-major [callRows, n]
            Nd4j.gemm(weightT, inT, outT, false, false, 1.0, 0.0);
            if (layout == null) {
                buffers.outputFloats.get(0, out, outOffset, rows * n);
            } else {
                for (int i = 0, run; i < rows; i += run) {      // runs of consecutive call rows in one copy
                    run = consecutiveRun(layout, rows, i);
                    buffers.outputFloats.get(layout.callRow(rows, i) * n, out, outOffset + i * n, run * n);
                }
            }
        } else {
            INDArray product = buffers.transposedOutputView(callRows, n);  // [callRows, n] column-major
            Nd4j.gemm(inT, weightT, product, true, true, 1.0, 0.0);
            buffers.copyOutTransposed(rows, callRows, n, out, outOffset, layout);
        }
    }

    @Override
    public String name() {
        return "nd4j";
    }

    /** How many of a call's real rows from {@code i} on sit in consecutive call rows of {@code layout}. */
    private static int consecutiveRun(CallLayout layout, int rows, int i) {
        int row = layout.callRow(rows, i);
        int run = 1;
        while (i + run < rows && layout.callRow(rows, i + run) == row + run) {
            run++;
        }
        return run;
    }

    /** W^T [n, k] as a column-major view of an off-heap copy of W's row-major [k, n] values. */
    private static INDArray columnMajorTranspose(WeightTensor w) {
        int k = w.dim(0);
        int n = w.dim(1);
        INDArray rowMajor = Nd4j.create(w.values(), new long[] {k, n}, 'c'); // copies off-heap
        return Nd4j.create(rowMajor.data(), new long[] {n, k}, new long[] {1, n}, 0, 'f');
    }

    /** One thread's off-heap staging buffers and their views, grown on demand. */
    private static final class Staging {
        /** Views kept per buffer (one per distinct row count and width); beyond this the cache starts over. */
        private static final int MAX_VIEWS = 1_024;

        private DataBuffer input;
        private DataBuffer output;
        private FloatBuffer inputFloats;
        private FloatBuffer outputFloats;
        private final Map<Long, INDArray> inputViews = new HashMap<>();
        private final Map<Long, INDArray> outputViews = new HashMap<>();
        private final Map<Long, INDArray> transposedOutputViews = new HashMap<>();
        private float[] columns = new float[0];
        private float[] zeros = new float[0];

        INDArray inputView(int rows, int cols) {
            long needed = (long) rows * cols;
            if (input == null || input.length() < needed) {
                input = Nd4j.createBuffer(DataType.FLOAT, grow(needed, input), false);
                inputFloats = input.asNioFloat();
                inputViews.clear();
            }
            if (inputViews.size() > MAX_VIEWS) {
                inputViews.clear();
            }
            return inputViews.computeIfAbsent(key(rows, cols), key -> columnMajor(input, rows, cols));
        }

        INDArray outputView(int rows, int cols) {
            growOutput((long) rows * cols);
            if (outputViews.size() > MAX_VIEWS) {
                outputViews.clear();
            }
            return outputViews.computeIfAbsent(key(rows, cols), key -> columnMajor(output, rows, cols));
        }

        /** [rows, cols] column-major at the start of the output buffer (the product with the rows as BLAS M). */
        INDArray transposedOutputView(int rows, int cols) {
            growOutput((long) rows * cols);
            if (transposedOutputViews.size() > MAX_VIEWS) {
                transposedOutputViews.clear();
            }
            return transposedOutputViews.computeIfAbsent(key(rows, cols), key -> Nd4j.create(output,
                    new long[] {rows, cols}, new long[] {1, rows}, 0, 'f'));
        }

        private void growOutput(long needed) {
            if (output == null || output.length() < needed) {
                output = Nd4j.createBuffer(DataType.FLOAT, grow(needed, output), false);
                outputFloats = output.asNioFloat();
                outputViews.clear();
                transposedOutputViews.clear();
            }
        }

        /**
         * Writes the {@code rows} real rows of {@code in} to the input buffer at their call rows of {@code layout},
         * runs of consecutive call rows in one copy, and zeros to every other of the {@code callRows} rows.
         */
        void stageRows(float[] in, int inOffset, int rows, int k, int callRows, CallLayout layout) {
            int filled = 0;                                       // call rows [0, filled) are written
            for (int i = 0, run; i < rows; i += run) {
                run = consecutiveRun(layout, rows, i);
                int row = layout.callRow(rows, i);
                zeroRows(filled, row, k);
                inputFloats.put(row * k, in, inOffset + i * k, run * k);
                filled = row + run;
            }
            zeroRows(filled, callRows, k);
        }

        private void zeroRows(int from, int to, int k) {
            int count = (to - from) * k;
            if (count <= 0) {
                return;
            }
            if (zeros.length < count) {
                zeros = new float[Math.max(count, 2 * zeros.length)];
            }
            inputFloats.put(from * k, zeros, 0, count);
        }

        /**
         * Copies the real rows of the column-major [callRows, cols] product out of the output buffer into row-major
         * {@code out} ({@code layout} null: the rows as they are). Where the real rows are consecutive call rows (the
         * rows as they are, a {@link MarginLayout}), eight rows at a time: each column's eight values are read in one
         * run and the eight rows being written stay in the cache.
         */
        void copyOutTransposed(int rows, int callRows, int cols, float[] out, int outOffset, CallLayout layout) {
            int count = callRows * cols;
            if (columns.length < count) {
                columns = new float[Math.max(count, 2 * columns.length)];
            }
            outputFloats.get(0, columns, 0, count);
            int first = layout == null ? 0 : layout.callRow(rows, 0);
            boolean consecutive = layout == null || consecutiveRun(layout, rows, 0) == rows;
            int r = 0;
            if (consecutive) {
                for (; r + 8 <= rows; r += 8) {
                    copyEightRows(columns, first + r, callRows, cols, out, outOffset + r * cols);
                }
            }
            for (; r < rows; r++) {
                int row = consecutive ? first + r : layout.callRow(rows, r);
                int to = outOffset + r * cols;
                for (int j = 0, from = row; j < cols; j++, from += callRows) {
                    out[to + j] = columns[from];
                }
            }
        }

        /** Rows {@code row..row+7} of the column-major [callRows, cols] {@code columns} to row-major {@code out}. */
        private static void copyEightRows(float[] columns, int row, int callRows, int cols, float[] out, int to) {
            for (int j = 0, from = row; j < cols; j++, from += callRows) {
                out[to + j] = columns[from];
                out[to + cols + j] = columns[from + 1];
                out[to + 2 * cols + j] = columns[from + 2];
                out[to + 3 * cols + j] = columns[from + 3];
                out[to + 4 * cols + j] = columns[from + 4];
                out[to + 5 * cols + j] = columns[from + 5];
                out[to + 6 * cols + j] = columns[from + 6];
                out[to + 7 * cols + j] = columns[from + 7];
            }
        }

        /** [cols, rows] column-major = [rows, cols] row-major, at the start of {@code buffer}. */
        private static INDArray columnMajor(DataBuffer buffer, int rows, int cols) {
            return Nd4j.create(buffer, new long[] {cols, rows}, new long[] {1, cols}, 0, 'f');
        }

        private static long key(int rows, int cols) {
            return ((long) rows << 32) | cols;
        }

        /** Geometric growth, so that slowly rising row counts do not reallocate on every call. */
        private static long grow(long needed, DataBuffer current) {
            long doubled = current == null ? 0 : 2 * current.length();
            return Math.max(needed, Math.max(doubled, 1L << 16));
        }
    }
}

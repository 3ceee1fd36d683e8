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
 * memory is the same as column-major {@code [k, rows]}, so the product is computed transposed,
 * {@code out^T[n, rows] = W^T[n, k] · in^T[k, rows]}, on column-major views of the row-major buffers: no
 * transposes, no copies of the weights per call. Each weight matrix is copied off-heap once; each thread stages
 * activations in its own off-heap buffers, whose views are created once per distinct row count, so a call
 * allocates nothing in the steady state.
 */
public final class Nd4jGemm implements Gemm {

    // identity-keyed: WeightTensor does not override equals
    private final Map<WeightTensor, INDArray> transposedWeights = new ConcurrentHashMap<>();
    private final ThreadLocal<Staging> staging = ThreadLocal.withInitial(Staging::new);

    @Override
    public void multiply(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset) {
        if (rows == 0) {
            return;
        }
        int k = w.dim(0);
        int n = w.dim(1);
        INDArray weightT = transposedWeights.computeIfAbsent(w, Nd4jGemm::columnMajorTranspose); // [n, k]
        Staging buffers = staging.get();
        INDArray inT = buffers.inputView(rows, k);    // [k, rows] column-major over the input staging buffer
        INDArray outT = buffers.outputView(rows, n);  // [n, rows] column-major over the output staging buffer
        buffers.inputFloats.put(0, in, inOffset, rows * k);
        Nd4j.gemm(weightT, inT, outT, false, false, 1.0, 0.0);
        buffers.outputFloats.get(0, out, outOffset, rows * n);
    }

    @Override
    public String name() {
        return "nd4j";
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
            long needed = (long) rows * cols;
            if (output == null || output.length() < needed) {
                output = Nd4j.createBuffer(DataType.FLOAT, grow(needed, output), false);
                outputFloats = output.asNioFloat();
                outputViews.clear();
            }
            if (outputViews.size() > MAX_VIEWS) {
                outputViews.clear();
            }
            return outputViews.computeIfAbsent(key(rows, cols), key -> columnMajor(output, rows, cols));
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

package io.tagstream.model;

/**
 * The encoder's inner loops that are not matrix products: attention scores, the softmax's exponentials, attention's
 * weighted sum of values, and the convolution's sum over its kernel. Each sum adds its terms one at a time in one
 * documented order, each exponential takes {@link FloatExp}'s steps, and the fast implementation runs several outputs
 * side by side (one per vector lane) with the same operations as the plain loop (a multiply then an add per term): so
 * {@link ScalarLaneKernels} and {@link VectorLaneKernels} give the same bits, and a frame's labels do not depend on
 * which one a process runs ({@code LaneKernelsTest}).
 *
 * <p>{@link #fastest()} is the JDK's Vector API when the JVM has its incubator module
 * ({@code --add-modules jdk.incubator.vector}, which the launcher and the Docker image add), else plain loops.
 */
interface LaneKernels {

    /**
     * {@code out[outOffset + i] = sum over j < dims of q[qOffset + j] * keys[(keyRow + j) * stride + first + i]}, for
     * {@code i < n}: one head's scores against keys stored by dimension, each summed from 0 in ascending {@code j}.
     */
    void scores(float[] q, int qOffset, int dims, float[] keys, int keyRow, int stride, int first, int n, float[] out,
                int outOffset);

    /**
     * {@code context[out + j] = sum over i < n of weights[(j / headDims) * weightStride + i] * values[(first + i) * d
     * + j]}, for {@code j < d}: every head's weighted sum of its value rows, each summed from 0 in ascending {@code i}.
     */
    void mix(float[] weights, int weightStride, int headDims, float[] values, int d, int first, int n, float[] context,
             int out);

    /**
     * {@code acc[accOffset + p * accStep + o] += in[inBase + p * inStep + inIndex[t]] * kernel[kernelIndex[t] + o]}
     * for {@code o < m} and {@code p < positions}, the taps {@code t < taps} added one at a time in ascending order: a
     * convolution's sum over its kernel for {@code m} output channels at once, at {@code positions} output positions
     * whose taps are the same list moved by {@code inStep} in the input (a frame's bins, over a zero-padded block).
     * Each output's sum is that of the same call with one position: the positions only run side by side.
     */
    void sumTaps(float[] in, int inBase, int inStep, int[] inIndex, float[] kernel, int[] kernelIndex, int taps,
                 float[] acc, int accOffset, int accStep, int positions, int m);

    /**
     * {@code values[i] = FloatExp.exp(values[i] - shift)} for {@code from <= i < to}: the exponentials of a softmax,
     * each exactly {@link FloatExp#exp}'s bits.
     */
    void exponentials(float[] values, int from, int to, float shift);

    /** What runs the loops, for benches and logs: "vector (8 lanes)" or "scalar". */
    String name();

    /** Whether outputs run side by side in vector lanes. */
    boolean runsVectors();

    /** The Vector API implementation when the JVM has its module, else the plain loops. */
    static LaneKernels fastest() {
        return Fastest.KERNELS;
    }

    /** Holds the choice, made once: loading {@link VectorLaneKernels} without the module would fail. */
    final class Fastest {
        static final LaneKernels KERNELS = choose();

        private Fastest() {
        }

        private static LaneKernels choose() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return new ScalarLaneKernels();
            }
            try {
                return (LaneKernels) Class.forName("io.tagstream.model.VectorLaneKernels").getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarLaneKernels();
            }
        }
    }
}

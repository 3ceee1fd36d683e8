package io.tagstream.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LaneKernels} on the JDK's Vector API: outputs side by side in 8-lane vectors, each term a lanewise multiply
 * then add (never a fused multiply-add, never a reduction across lanes), so every lane computes what
 * {@link ScalarLaneKernels} computes, bit for bit. Outputs that do not fill a vector take the scalar loop. Only
 * loaded when the JVM has the module ({@link LaneKernels#fastest()}).
 */
final class VectorLaneKernels implements LaneKernels {

    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_256;
    private static final int L = LANES.length();

    private final ScalarLaneKernels tail = new ScalarLaneKernels();

    @Override
    public void scores(float[] q, int qOffset, int dims, float[] keys, int keyRow, int stride, int first, int n,
                       float[] out, int outOffset) {
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector sum = FloatVector.zero(LANES);
            for (int j = 0; j < dims; j++) {
                FloatVector key = FloatVector.fromArray(LANES, keys, (keyRow + j) * stride + first + i);
                sum = sum.add(key.mul(q[qOffset + j]));
            }
            sum.intoArray(out, outOffset + i);
        }
        tail.scores(q, qOffset, dims, keys, keyRow, stride, first + i, n - i, out, outOffset + i);
    }

    @Override
    public void mix(float[] weights, int weightStride, int headDims, float[] values, int d, int first, int n,
                    float[] context, int out) {
        if (headDims % L != 0) {
            tail.mix(weights, weightStride, headDims, values, d, first, n, context, out); // a vector would span heads
            return;
        }
        for (int j = 0; j < d; j += L) {
            int w = j / headDims * weightStride;
            FloatVector sum = FloatVector.zero(LANES);
            for (int i = 0, v = first * d + j; i < n; i++, v += d) {
                sum = sum.add(FloatVector.fromArray(LANES, values, v).mul(weights[w + i]));
            }
            sum.intoArray(context, out + j);
        }
    }

    @Override
    public void sumTaps(float[] in, int inBase, int[] inIndex, float[] kernel, int[] kernelIndex, int taps,
                        float[] acc, int accOffset, int m) {
        int o = 0;
        for (; o + L <= m; o += L) {
            FloatVector sum = FloatVector.fromArray(LANES, acc, accOffset + o);
            for (int t = 0; t < taps; t++) {
                sum = sum.add(FloatVector.fromArray(LANES, kernel, kernelIndex[t] + o).mul(in[inBase + inIndex[t]]));
            }
            sum.intoArray(acc, accOffset + o);
        }
        if (o < m) {
            tail.sumTaps(in, inBase, inIndex, kernel, shifted(kernelIndex, taps, o), taps, acc, accOffset + o, m - o);
        }
    }

    /** The kernel offsets moved to channel {@code o}: for the channels after the last whole vector. */
    private static int[] shifted(int[] kernelIndex, int taps, int o) {
        int[] moved = new int[taps];
        for (int t = 0; t < taps; t++) {
            moved[t] = kernelIndex[t] + o;
        }
        return moved;
    }

    @Override
    public String name() {
        return "vector (" + L + " lanes)";
    }

    @Override
    public boolean runsVectors() {
        return true;
    }
}

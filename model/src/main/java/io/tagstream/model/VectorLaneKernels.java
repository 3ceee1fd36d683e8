package io.tagstream.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
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
    /** 1.5 * 2^23: adding then subtracting it rounds a float of magnitude below 2^22 to an integer (ties to even). */
    private static final float ROUNDING = 12582912f;
    private static final int ROUNDING_BITS = Float.floatToRawIntBits(ROUNDING);

    private final ScalarLaneKernels tail = new ScalarLaneKernels();

    @Override
    public void scores(float[] q, int qOffset, int dims, float[] keys, int keyRow, int stride, int first, int n,
                       float[] out, int outOffset) {
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {                  // four blocks of keys: four independent chains
            FloatVector s0 = FloatVector.zero(LANES);
            FloatVector s1 = FloatVector.zero(LANES);
            FloatVector s2 = FloatVector.zero(LANES);
            FloatVector s3 = FloatVector.zero(LANES);
            for (int j = 0, k = keyRow * stride + first + i; j < dims; j++, k += stride) {
                float qj = q[qOffset + j];
                s0 = s0.add(FloatVector.fromArray(LANES, keys, k).mul(qj));
                s1 = s1.add(FloatVector.fromArray(LANES, keys, k + L).mul(qj));
                s2 = s2.add(FloatVector.fromArray(LANES, keys, k + 2 * L).mul(qj));
                s3 = s3.add(FloatVector.fromArray(LANES, keys, k + 3 * L).mul(qj));
            }
            s0.intoArray(out, outOffset + i);
            s1.intoArray(out, outOffset + i + L);
            s2.intoArray(out, outOffset + i + 2 * L);
            s3.intoArray(out, outOffset + i + 3 * L);
        }
        for (; i + L <= n; i += L) {
            FloatVector sum = FloatVector.zero(LANES);
            for (int j = 0, k = keyRow * stride + first + i; j < dims; j++, k += stride) {
                sum = sum.add(FloatVector.fromArray(LANES, keys, k).mul(q[qOffset + j]));
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
        int j = 0;
        for (; j + 4 * L <= d; j += 4 * L) {                  // four blocks of dimensions: four independent chains
            int w0 = j / headDims * weightStride;
            int w1 = (j + L) / headDims * weightStride;
            int w2 = (j + 2 * L) / headDims * weightStride;
            int w3 = (j + 3 * L) / headDims * weightStride;
            FloatVector s0 = FloatVector.zero(LANES);
            FloatVector s1 = FloatVector.zero(LANES);
            FloatVector s2 = FloatVector.zero(LANES);
            FloatVector s3 = FloatVector.zero(LANES);
            for (int i = 0, v = first * d + j; i < n; i++, v += d) {
                s0 = s0.add(FloatVector.fromArray(LANES, values, v).mul(weights[w0 + i]));
                s1 = s1.add(FloatVector.fromArray(LANES, values, v + L).mul(weights[w1 + i]));
                s2 = s2.add(FloatVector.fromArray(LANES, values, v + 2 * L).mul(weights[w2 + i]));
                s3 = s3.add(FloatVector.fromArray(LANES, values, v + 3 * L).mul(weights[w3 + i]));
            }
            s0.intoArray(context, out + j);
            s1.intoArray(context, out + j + L);
            s2.intoArray(context, out + j + 2 * L);
            s3.intoArray(context, out + j + 3 * L);
        }
        for (; j < d; j += L) {
            int w = j / headDims * weightStride;
            FloatVector sum = FloatVector.zero(LANES);
            for (int i = 0, v = first * d + j; i < n; i++, v += d) {
                sum = sum.add(FloatVector.fromArray(LANES, values, v).mul(weights[w + i]));
            }
            sum.intoArray(context, out + j);
        }
    }

    @Override
    public void sumTaps(float[] in, int inBase, int inStep, int[] inIndex, float[] kernel, int[] kernelIndex,
                        int taps, float[] acc, int accOffset, int accStep, int positions, int m) {
        int p = 0;
        for (; p + 4 <= positions; p += 4) {                   // four positions: four independent chains
            int o = 0;
            for (; o + L <= m; o += L) {
                sumFourPositions(in, inBase + p * inStep, inStep, inIndex, kernel, kernelIndex, taps, acc,
                        accOffset + p * accStep + o, accStep, o);
            }
            for (int q = p; q < p + 4; q++) {
                tail.sumChannels(in, inBase + q * inStep, inIndex, kernel, kernelIndex, taps, acc,
                        accOffset + q * accStep, o, m);
            }
        }
        if (p + 2 <= positions) {                              // two positions: four independent chains
            int o = 0;
            for (; o + 2 * L <= m; o += 2 * L) {
                sumTwoPositions(in, inBase + p * inStep, inStep, inIndex, kernel, kernelIndex, taps, acc,
                        accOffset + p * accStep + o, accStep, o);
            }
            for (int q = p; q < p + 2; q++) {
                sumOnePosition(in, inBase + q * inStep, inIndex, kernel, kernelIndex, taps, acc,
                        accOffset + q * accStep, o, m);
            }
            p += 2;
        }
        for (; p < positions; p++) {
            sumOnePosition(in, inBase + p * inStep, inIndex, kernel, kernelIndex, taps, acc, accOffset + p * accStep,
                    0, m);
        }
    }

    /**
     * Channels {@code [o, o + 2 * L)} of two positions {@code inStep} apart, each output's taps in ascending order;
     * {@code acc[at + q * accStep + lane]} is position q's channel {@code o + lane}.
     */
    private static void sumTwoPositions(float[] in, int inBase, int inStep, int[] inIndex, float[] kernel,
                                        int[] kernelIndex, int taps, float[] acc, int at, int accStep, int o) {
        FloatVector a0 = FloatVector.fromArray(LANES, acc, at);
        FloatVector b0 = FloatVector.fromArray(LANES, acc, at + L);
        FloatVector a1 = FloatVector.fromArray(LANES, acc, at + accStep);
        FloatVector b1 = FloatVector.fromArray(LANES, acc, at + accStep + L);
        for (int t = 0; t < taps; t++) {
            int x = inBase + inIndex[t];
            int k = kernelIndex[t] + o;
            FloatVector ka = FloatVector.fromArray(LANES, kernel, k);
            FloatVector kb = FloatVector.fromArray(LANES, kernel, k + L);
            float x0 = in[x];
            float x1 = in[x + inStep];
            a0 = a0.add(ka.mul(x0));
            b0 = b0.add(kb.mul(x0));
            a1 = a1.add(ka.mul(x1));
            b1 = b1.add(kb.mul(x1));
        }
        a0.intoArray(acc, at);
        b0.intoArray(acc, at + L);
        a1.intoArray(acc, at + accStep);
        b1.intoArray(acc, at + accStep + L);
    }

    /**
     * Channels {@code [o, o + L)} of four positions {@code inStep} apart, each output's taps in ascending order;
     * {@code acc[at + q * accStep + lane]} is position q's channel {@code o + lane}. One vector of channels per call:
     * a variant that ran two (eight accumulators) was compiled by C2 in some JVMs with two of them boxed, a box per
     * tap (session 29: 14 KB allocated per frame in the pipeline, `VectorBoxing` naming its last two adds).
     */
    private static void sumFourPositions(float[] in, int inBase, int inStep, int[] inIndex, float[] kernel,
                                         int[] kernelIndex, int taps, float[] acc, int at, int accStep, int o) {
        FloatVector a0 = FloatVector.fromArray(LANES, acc, at);
        FloatVector a1 = FloatVector.fromArray(LANES, acc, at + accStep);
        FloatVector a2 = FloatVector.fromArray(LANES, acc, at + 2 * accStep);
        FloatVector a3 = FloatVector.fromArray(LANES, acc, at + 3 * accStep);
        for (int t = 0; t < taps; t++) {
            int x = inBase + inIndex[t];
            FloatVector ka = FloatVector.fromArray(LANES, kernel, kernelIndex[t] + o);
            a0 = a0.add(ka.mul(in[x]));
            a1 = a1.add(ka.mul(in[x + inStep]));
            a2 = a2.add(ka.mul(in[x + 2 * inStep]));
            a3 = a3.add(ka.mul(in[x + 3 * inStep]));
        }
        a0.intoArray(acc, at);
        a1.intoArray(acc, at + accStep);
        a2.intoArray(acc, at + 2 * accStep);
        a3.intoArray(acc, at + 3 * accStep);
    }

    /** One position's channels {@code [from, m)}: two vectors of channels at a time, then one, then the scalar tail. */
    private void sumOnePosition(float[] in, int inBase, int[] inIndex, float[] kernel, int[] kernelIndex, int taps,
                                float[] acc, int accOffset, int from, int m) {
        int o = from;
        for (; o + 2 * L <= m; o += 2 * L) {                  // two blocks of channels: two independent chains
            FloatVector s0 = FloatVector.fromArray(LANES, acc, accOffset + o);
            FloatVector s1 = FloatVector.fromArray(LANES, acc, accOffset + o + L);
            for (int t = 0; t < taps; t++) {
                float a = in[inBase + inIndex[t]];
                int k = kernelIndex[t] + o;
                s0 = s0.add(FloatVector.fromArray(LANES, kernel, k).mul(a));
                s1 = s1.add(FloatVector.fromArray(LANES, kernel, k + L).mul(a));
            }
            s0.intoArray(acc, accOffset + o);
            s1.intoArray(acc, accOffset + o + L);
        }
        for (; o + L <= m; o += L) {
            FloatVector sum = FloatVector.fromArray(LANES, acc, accOffset + o);
            for (int t = 0; t < taps; t++) {
                sum = sum.add(FloatVector.fromArray(LANES, kernel, kernelIndex[t] + o).mul(in[inBase + inIndex[t]]));
            }
            sum.intoArray(acc, accOffset + o);
        }
        tail.sumChannels(in, inBase, inIndex, kernel, kernelIndex, taps, acc, accOffset, o, m);
    }

    /**
     * {@link FloatExp#exp}'s steps lane by lane: the same float operations in the same order, so the same bits. Its
     * {@code Math.rint(x * LOG2E)} is {@code (t + 1.5 * 2^23) - 1.5 * 2^23}, which rounds to the nearest even integer
     * exactly as {@code rint} does wherever {@code |t| < 2^22} (here {@code |t| <= 127}; only the sign of a zero
     * {@code n} can differ, and it is lost in {@code x - n * LN2_HIGH - n * LN2_LOW} and the final {@code + 1}).
     * The integer {@code n} comes from the bits of {@code t + 1.5 * 2^23}, not from a float-to-int conversion (JDK 17
     * does not compile that one to a vector instruction on AVX2: it ran lane by lane through an array, a sixth of the
     * streaming model's time in a profile of the pipeline). Lanes below {@link FloatExp#MIN_ARGUMENT} give 0 as there; a vector with a lane above
     * {@link FloatExp#MAX_ARGUMENT} takes the scalar path.
     */
    @Override
    public void exponentials(float[] values, int from, int to, float shift) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector x = FloatVector.fromArray(LANES, values, i).sub(shift);
            if (x.compare(VectorOperators.GT, FloatExp.MAX_ARGUMENT).anyTrue()) {
                tail.exponentials(values, i, i + L, shift);
                continue;
            }
            FloatVector rounded = x.mul(FloatExp.LOG2E).add(ROUNDING);
            FloatVector n = rounded.sub(ROUNDING);
            FloatVector r = x.sub(n.mul(FloatExp.LN2_HIGH)).sub(n.mul(FloatExp.LN2_LOW));
            FloatVector r2 = r.mul(r);
            FloatVector p = FloatVector.broadcast(LANES, FloatExp.POLYNOMIAL[0]);
            for (int c = 1; c < FloatExp.POLYNOMIAL.length; c++) {
                p = p.mul(r).add(FloatExp.POLYNOMIAL[c]);
            }
            FloatVector er = p.mul(r2).add(r).add(1f);
            // n as an int without a float-to-int conversion (which JDK 17 runs lane by lane in Java on AVX2):
            // rounded lies in [2^23, 2^24), where consecutive integers are consecutive bit patterns
            IntVector nBits = rounded.reinterpretAsInts().sub(ROUNDING_BITS);
            FloatVector twoToN = nBits.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            er.mul(twoToN).blend(0f, x.compare(VectorOperators.LT, FloatExp.MIN_ARGUMENT)).intoArray(values, i);
        }
        tail.exponentials(values, i, to, shift);
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

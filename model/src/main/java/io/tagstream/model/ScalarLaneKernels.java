package io.tagstream.model;

/**
 * {@link LaneKernels} as plain loops: the reference order of every sum. Four outputs at a time are summed in four
 * locals (the JIT keeps them in registers and overlaps their chains), each still adding its own terms one at a time in
 * the documented order.
 */
final class ScalarLaneKernels implements LaneKernels {

    @Override
    public void scores(float[] q, int qOffset, int dims, float[] keys, int keyRow, int stride, int first, int n,
                       float[] out, int outOffset) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            for (int j = 0, k = keyRow * stride + first + i; j < dims; j++, k += stride) {
                float qj = q[qOffset + j];
                s0 += qj * keys[k];
                s1 += qj * keys[k + 1];
                s2 += qj * keys[k + 2];
                s3 += qj * keys[k + 3];
            }
            out[outOffset + i] = s0;
            out[outOffset + i + 1] = s1;
            out[outOffset + i + 2] = s2;
            out[outOffset + i + 3] = s3;
        }
        for (; i < n; i++) {
            float sum = 0f;
            for (int j = 0, k = keyRow * stride + first + i; j < dims; j++, k += stride) {
                sum += q[qOffset + j] * keys[k];
            }
            out[outOffset + i] = sum;
        }
    }

    @Override
    public void mix(float[] weights, int weightStride, int headDims, float[] values, int d, int first, int n,
                    float[] context, int out) {
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            int w0 = j / headDims * weightStride;
            int w1 = (j + 1) / headDims * weightStride;
            int w2 = (j + 2) / headDims * weightStride;
            int w3 = (j + 3) / headDims * weightStride;
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            for (int i = 0, v = first * d + j; i < n; i++, v += d) {
                s0 += weights[w0 + i] * values[v];
                s1 += weights[w1 + i] * values[v + 1];
                s2 += weights[w2 + i] * values[v + 2];
                s3 += weights[w3 + i] * values[v + 3];
            }
            context[out + j] = s0;
            context[out + j + 1] = s1;
            context[out + j + 2] = s2;
            context[out + j + 3] = s3;
        }
        for (; j < d; j++) {
            int w = j / headDims * weightStride;
            float sum = 0f;
            for (int i = 0, v = first * d + j; i < n; i++, v += d) {
                sum += weights[w + i] * values[v];
            }
            context[out + j] = sum;
        }
    }

    @Override
    public void sumTaps(float[] in, int inBase, int inStep, int[] inIndex, float[] kernel, int[] kernelIndex,
                        int taps, float[] acc, int accOffset, int accStep, int positions, int m) {
        for (int p = 0; p < positions; p++) {
            sumChannels(in, inBase + p * inStep, inIndex, kernel, kernelIndex, taps, acc, accOffset + p * accStep,
                    0, m);
        }
    }

    /**
     * {@link #sumTaps} for the output channels {@code [from, to)} only: {@code acc[accOffset + o]} for {@code o} in
     * that range (the vector kernels' channels after their last whole vector).
     */
    void sumChannels(float[] in, int inBase, int[] inIndex, float[] kernel, int[] kernelIndex, int taps, float[] acc,
                     int accOffset, int from, int to) {
        int o = from;
        for (; o + 4 <= to; o += 4) {
            float s0 = acc[accOffset + o];
            float s1 = acc[accOffset + o + 1];
            float s2 = acc[accOffset + o + 2];
            float s3 = acc[accOffset + o + 3];
            for (int t = 0; t < taps; t++) {
                float a = in[inBase + inIndex[t]];
                int k = kernelIndex[t] + o;
                s0 += a * kernel[k];
                s1 += a * kernel[k + 1];
                s2 += a * kernel[k + 2];
                s3 += a * kernel[k + 3];
            }
            acc[accOffset + o] = s0;
            acc[accOffset + o + 1] = s1;
            acc[accOffset + o + 2] = s2;
            acc[accOffset + o + 3] = s3;
        }
        for (; o < to; o++) {
            float sum = acc[accOffset + o];
            for (int t = 0; t < taps; t++) {
                sum += in[inBase + inIndex[t]] * kernel[kernelIndex[t] + o];
            }
            acc[accOffset + o] = sum;
        }
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public boolean runsVectors() {
        return false;
    }

    @Override
    public void exponentials(float[] values, int from, int to, float shift) {
        for (int i = from; i < to; i++) {
            values[i] = FloatExp.exp(values[i] - shift);
        }
    }
}

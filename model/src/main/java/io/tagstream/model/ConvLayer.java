package io.tagstream.model;

import java.util.Arrays;

/**
 * One convolution of the front end with its trained weights, then ReLU (the formula is on {@link ConvLayerSpec}).
 * A row is one frame, {@code [bins, channels]} row-major (channel fastest). Every output value is summed in one
 * fixed order (bias, then kernel frame, kernel bin, input channel, each ascending) whichever rows are computed
 * together, so a frame's output bits depend on its input frames alone: chunking, batching, block sizes and rebuilds
 * cannot change them.
 */
final class ConvLayer {

    /** Output channels summed in locals at once, when the channel count is a multiple of it. */
    private static final int BLOCK = 8;

    private final ConvLayerSpec spec;
    private final int inBins;
    private final int inChannels;
    private final int outBins;
    private final int outChannels;
    private final float[] kernel; // [kT, kF, Ci, Co]: the trained [Co, Ci, kT, kF], reordered so Co is contiguous
    private final float[] bias;   // [Co]

    ConvLayer(ConvLayerSpec spec, int inBins, int inChannels, WeightTensor weight, WeightTensor bias) {
        int kt = spec.kernelTime();
        int kf = spec.kernelFreq();
        int co = spec.channels();
        if (!weight.hasShape(co, inChannels, kt, kf) || !bias.hasShape(co)) {
            throw new IllegalArgumentException("conv layer " + spec + " over " + inChannels + " channels needs weight "
                    + Arrays.toString(new int[] {co, inChannels, kt, kf}) + " and bias [" + co + "], got "
                    + Arrays.toString(weight.shape()) + " and " + Arrays.toString(bias.shape()));
        }
        this.spec = spec;
        this.inBins = inBins;
        this.inChannels = inChannels;
        this.outBins = spec.outputBins(inBins);
        this.outChannels = co;
        this.kernel = new float[kt * kf * inChannels * co];
        float[] w = weight.values();
        for (int o = 0; o < co; o++) {
            for (int c = 0; c < inChannels; c++) {
                for (int i = 0; i < kt; i++) {
                    for (int j = 0; j < kf; j++) {
                        kernel[((i * kf + j) * inChannels + c) * co + o] = w[((o * inChannels + c) * kt + i) * kf + j];
                    }
                }
            }
        }
        this.bias = bias.values();
    }

    /** Values of an input frame, {@code bins * channels}. */
    int inputWidth() {
        return inBins * inChannels;
    }

    /** Values of an output frame. */
    int outputWidth() {
        return outBins * outChannels;
    }

    /** Frames back an output frame sees. */
    int left() {
        return spec.leftContext();
    }

    /** Frames ahead an output frame sees. */
    int right() {
        return spec.rightContext();
    }

    /**
     * Output frames {@code [first, first + count)}, counted in rows of {@code in}: {@code out[count, outWidth]} from
     * {@code outOffset}, for input frames {@code in[inRows, inWidth]} from offset 0. Output frame {@code n} reads
     * input rows {@code [n - left, n + right]}; rows outside {@code [0, inRows)} are zero (the recording's edges;
     * callers make sure no other row is missing). {@code out} must not overlap {@code in}.
     */
    void forward(float[] in, int inRows, int first, int count, float[] out, int outOffset) {
        int co = outChannels;
        for (int n = 0; n < count; n++) {
            int frame = first + n;
            for (int f = 0; f < outBins; f++) {
                int y = outOffset + n * outputWidth() + f * co;                // out[n][f][0..Co)
                if (co % BLOCK == 0) {
                    for (int o = 0; o < co; o += BLOCK) {
                        channels(in, inRows, frame, f, o, BLOCK, out, y + o);
                    }
                } else {
                    channels(in, inRows, frame, f, 0, co, out, y);
                }
                Activation.RELU.applyInPlace(out, y, y + co);
            }
        }
    }

    /**
     * Output channels {@code [o, o + m)} of output bin {@code f} of {@code frame} into {@code out[y, y + m)}. A block
     * of {@value #BLOCK} is summed in eight locals (the JIT keeps them in registers: a loop over the channels per input
     * value, whose overhead dominated, is gone), any other width in {@code out}; both in the documented order, so
     * they give the same bits.
     */
    private void channels(float[] in, int inRows, int frame, int f, int o, int m, float[] out, int y) {
        int kt = spec.kernelTime();
        int kf = spec.kernelFreq();
        int co = outChannels;
        boolean block = m == BLOCK;
        float s0 = bias[o];
        float s1 = block ? bias[o + 1] : 0;
        float s2 = block ? bias[o + 2] : 0;
        float s3 = block ? bias[o + 3] : 0;
        float s4 = block ? bias[o + 4] : 0;
        float s5 = block ? bias[o + 5] : 0;
        float s6 = block ? bias[o + 6] : 0;
        float s7 = block ? bias[o + 7] : 0;
        if (!block) {
            System.arraycopy(bias, o, out, y, m);
        }
        for (int i = 0; i < kt; i++) {
            int row = frame - left() + i;
            if (row < 0 || row >= inRows) {
                continue;                                                       // zero before/after the recording
            }
            for (int j = 0; j < kf; j++) {
                int bin = f * spec.strideFreq() - spec.padFreq() + j;
                if (bin < 0 || bin >= inBins) {
                    continue;                                                   // zero padding in frequency
                }
                int x = row * inputWidth() + bin * inChannels;                  // in[row][bin][0..Ci)
                int k = (i * kf + j) * inChannels * co + o;                     // kernel[i][j][0][o..o+m)
                for (int c = 0; c < inChannels; c++, k += co) {
                    float a = in[x + c];
                    if (block) {
                        s0 += kernel[k] * a;
                        s1 += kernel[k + 1] * a;
                        s2 += kernel[k + 2] * a;
                        s3 += kernel[k + 3] * a;
                        s4 += kernel[k + 4] * a;
                        s5 += kernel[k + 5] * a;
                        s6 += kernel[k + 6] * a;
                        s7 += kernel[k + 7] * a;
                    } else {
                        for (int oc = 0; oc < m; oc++) {
                            out[y + oc] += kernel[k + oc] * a;
                        }
                    }
                }
            }
        }
        if (block) {
            out[y] = s0;
            out[y + 1] = s1;
            out[y + 2] = s2;
            out[y + 3] = s3;
            out[y + 4] = s4;
            out[y + 5] = s5;
            out[y + 6] = s6;
            out[y + 7] = s7;
        }
    }
}

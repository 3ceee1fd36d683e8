package io.tagstream.model;

import java.util.Arrays;

/**
 * One convolution of the front end with its trained weights, then ReLU (the formula is on {@link ConvLayerSpec}).
 * A row is one frame, {@code [bins, channels]} row-major (channel fastest). Every output value is summed in one
 * fixed order (bias, then kernel frame, kernel bin, input channel, each ascending; {@link LaneKernels#sumTaps}, the
 * channels side by side) whichever rows are computed together, so a frame's output bits depend on its input frames
 * alone: chunking, batching, block sizes and rebuilds cannot change them.
 *
 * <p>The input rows a call reads are first copied into a zero-padded block ({@link #paddedSize}): zero rows where a
 * kernel frame lies before or after the rows given, zero bins where a kernel bin lies outside the spectrum. Every
 * output bin of every frame then has the same taps moved by the frequency stride, so all bins of a frame run side
 * by side in one {@link LaneKernels#sumTaps} call (independent sums the CPU overlaps; with bins a multiple of four,
 * only its four-position kernel). A padded tap adds {@code 0 * w}, a zero, where the taps skipped it before: a sum
 * changes by a zero only in the sign of a zero result, which ReLU makes {@code +0} either way, so the outputs are
 * the bits of summing the existing taps alone (ConvFrontEndTest checks them against that sum).
 */
final class ConvLayer {

    private final ConvLayerSpec spec;
    private final int inBins;
    private final int inChannels;
    private final int outBins;
    private final int outChannels;
    private final float[] kernel; // [kT, kF, Ci, Co]: the trained [Co, Ci, kT, kF], reordered so Co is contiguous
    private final float[] bias;   // [Co]
    private final LaneKernels kernels = LaneKernels.fastest();
    private final int paddedBins;   // bins of a padded row: padFreq zeros, the input bins, zeros to the last tap
    private final int[] tapInput;   // [kT * kF * Ci] output bin 0's taps in the padded block: input value index
    private final int[] tapKernel;  // ... and kernel row offset, in the documented order

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
        this.paddedBins = Math.max(spec.padFreq() + inBins, (outBins - 1) * spec.strideFreq() + kf);
        int taps = kt * kf * inChannels;
        this.tapInput = new int[taps];
        this.tapKernel = new int[taps];
        int t = 0;
        for (int i = 0; i < kt; i++) {
            for (int j = 0; j < kf; j++) {
                for (int c = 0; c < inChannels; c++, t++) {
                    tapInput[t] = (i * paddedBins + j) * inChannels + c;     // padded[i][j][c]
                    tapKernel[t] = ((i * kf + j) * inChannels + c) * co;     // kernel[i][j][c][0..Co)
                }
            }
        }
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

    /** Values of the padded block {@link #forward} needs for {@code count} output frames. */
    int paddedSize(int count) {
        return (count + spec.kernelTime() - 1) * paddedBins * inChannels;
    }

    /**
     * Output frames {@code [first, first + count)}, counted in rows of {@code in}: {@code out[count, outWidth]} from
     * {@code outOffset}, for input frames {@code in[inRows, inWidth]} from offset 0. Output frame {@code n} reads
     * input rows {@code [n - left, n + right]}; rows outside {@code [0, inRows)} are zero (the recording's edges;
     * callers make sure no other row is missing). {@code out} must not overlap {@code in}; {@code padded} is
     * scratch of at least {@link #paddedSize paddedSize(count)} values, overwritten.
     */
    void forward(float[] in, int inRows, int first, int count, float[] out, int outOffset, float[] padded) {
        int co = outChannels;
        int rowWidth = paddedBins * inChannels;
        int rows = count + spec.kernelTime() - 1;
        Arrays.fill(padded, 0, rows * rowWidth, 0f);
        for (int r = 0; r < rows; r++) {                                   // padded row r: input row first - left + r
            int source = first - left() + r;
            if (source >= 0 && source < inRows) {
                System.arraycopy(in, source * inputWidth(), padded, r * rowWidth + spec.padFreq() * inChannels,
                        inputWidth());
            }
        }
        for (int n = 0; n < count; n++) {
            int y = outOffset + n * outputWidth();                              // out[n][0][0]
            for (int f = 0; f < outBins; f++) {
                System.arraycopy(bias, 0, out, y + f * co, co);
            }
            kernels.sumTaps(padded, n * rowWidth, binStep(), tapInput, kernel, tapKernel, tapInput.length, out, y, co,
                    outBins, co);
            Activation.RELU.applyInPlace(out, y, y + outputWidth());
        }
    }

    /** Input values between the first taps of neighbouring output bins: the frequency stride's bins. */
    private int binStep() {
        return spec.strideFreq() * inChannels;
    }
}

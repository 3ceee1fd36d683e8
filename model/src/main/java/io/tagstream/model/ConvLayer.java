package io.tagstream.model;

import java.util.Arrays;

/**
 * One convolution of the front end with its trained weights, then ReLU (the formula is on {@link ConvLayerSpec}).
 * A row is one frame, {@code [bins, channels]} row-major (channel fastest). Every output value is summed in one
 * fixed order (bias, then kernel frame, kernel bin, input channel, each ascending; {@link LaneKernels#sumTaps}, the
 * channels side by side) whichever rows are computed together, so a frame's output bits depend on its input frames
 * alone: chunking, batching, block sizes and rebuilds cannot change them. The bins that no frequency padding cuts
 * run side by side ({@link LaneKernels#sumTaps} with several positions: independent sums the CPU overlaps), each
 * still summed in that order.
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
    private final int[][] insideInput;  // [out bin] taps of a frame whose kernel frames all exist: input value index,
    private final int[][] insideKernel; // from its first kernel frame's row, and kernel row offset (see taps)
    private final int interiorFirst;    // the run of bins summed together (interiorRun); -1: none
    private final int interiorCount;

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
        this.insideInput = new int[outBins][];
        this.insideKernel = new int[outBins][];
        int[] inIndex = new int[kernelSize()];
        int[] kernelIndex = new int[kernelSize()];
        for (int f = 0; f < outBins; f++) {                 // taps of a frame whose kernel frames all exist
            int taps = taps(kt, left(), f, inIndex, kernelIndex);
            insideInput[f] = Arrays.copyOf(inIndex, taps);
            insideKernel[f] = Arrays.copyOf(kernelIndex, taps);
        }
        int[] run = interiorRun(insideInput, insideKernel, binStep());
        this.interiorFirst = run[0];
        this.interiorCount = run[1];
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
        int[] inIndex = null;
        int[] kernelIndex = null;
        for (int n = 0; n < count; n++) {
            int frame = first + n;
            int y = outOffset + n * outputWidth();                              // out[n][0][0]
            for (int f = 0; f < outBins; f++) {
                System.arraycopy(bias, 0, out, y + f * co, co);
            }
            if (frame - left() >= 0 && frame + right() < inRows) {              // every kernel frame exists
                int base = (frame - left()) * inputWidth();
                for (int f = 0; f < outBins; f++) {
                    if (f == interiorFirst) {                                   // the bins no padding cuts, together
                        kernels.sumTaps(in, base, binStep(), insideInput[f], kernel, insideKernel[f],
                                insideInput[f].length, out, y + f * co, co, interiorCount, co);
                        f += interiorCount - 1;
                    } else {
                        kernels.sumTaps(in, base, 0, insideInput[f], kernel, insideKernel[f],
                                insideInput[f].length, out, y + f * co, 0, 1, co);
                    }
                }
            } else {
                if (inIndex == null) {
                    inIndex = new int[kernelSize()];
                    kernelIndex = new int[kernelSize()];
                }
                for (int f = 0; f < outBins; f++) {
                    int taps = taps(inRows, frame, f, inIndex, kernelIndex);
                    kernels.sumTaps(in, 0, 0, inIndex, kernel, kernelIndex, taps, out, y + f * co, 0, 1, co);
                }
            }
            Activation.RELU.applyInPlace(out, y, y + outputWidth());
        }
    }

    /** Input values between the first taps of neighbouring output bins: the frequency stride's bins. */
    private int binStep() {
        return spec.strideFreq() * inChannels;
    }

    /**
     * The output bins whose taps (of a frame with all its kernel frames) are those of the bin before them moved by
     * {@link #binStep()}: from {@code interiorFirst}, {@code interiorCount} of them; 0 when fewer than two are.
     */
    private static int[] interiorRun(int[][] input, int[][] kernel, int step) {
        int best = 0;
        int bestCount = 0;
        for (int f = 0; f < input.length; ) {
            int end = f + 1;
            while (end < input.length && shifted(input[end - 1], input[end], step)
                    && Arrays.equals(kernel[end - 1], kernel[end])) {
                end++;
            }
            if (end - f > bestCount) {
                best = f;
                bestCount = end - f;
            }
            f = end;
        }
        return bestCount < 2 ? new int[] {-1, 0} : new int[] {best, bestCount};
    }

    private static boolean shifted(int[] before, int[] after, int step) {
        if (before.length != after.length) {
            return false;
        }
        for (int t = 0; t < before.length; t++) {
            if (after[t] != before[t] + step) {
                return false;
            }
        }
        return true;
    }

    /** Values of the kernel per output channel: kernel frames x kernel bins x input channels. */
    private int kernelSize() {
        return spec.kernelTime() * spec.kernelFreq() * inChannels;
    }

    /**
     * The taps of output bin {@code f} of {@code frame} that exist (the input row inside {@code [0, inRows)}, the bin
     * inside the spectrum), in the documented order: each one's input value index and its kernel row's offset.
     * Returns their count.
     */
    private int taps(int inRows, int frame, int f, int[] inIndex, int[] kernelIndex) {
        int kt = spec.kernelTime();
        int kf = spec.kernelFreq();
        int co = outChannels;
        int taps = 0;
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
                int k = (i * kf + j) * inChannels * co;                         // kernel[i][j][0][0..Co)
                for (int c = 0; c < inChannels; c++, taps++) {
                    inIndex[taps] = x + c;
                    kernelIndex[taps] = k + c * co;
                }
            }
        }
        return taps;
    }
}

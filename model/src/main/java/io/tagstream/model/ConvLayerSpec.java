package io.tagstream.model;

/**
 * The shape of one convolution of the encoder's {@link FrontEnd}, over time x frequency. Its input at each frame is
 * {@code [bins, channelsIn]} (the first layer's: the normalised feature vector, one channel), its output
 * {@code [ceil(bins / strideFreq), channels]}, then ReLU:
 * <pre>
 * y[t][f][o] = relu(b[o] + sum over c, i in [0, kT), j in [0, kF) of
 *                          W[o][c][i][j] * x[t - (kT - 1 - r) + i][f * strideFreq - (kF - 1) / 2 + j][c])
 * </pre>
 * with {@code x} zero outside the recording (before frame 0, after the last frame) and outside the bins. The time
 * stride is always 1 (one output per 10 ms frame), so output frame {@code t} sees input frames
 * {@code [t - (kT - 1 - r), t + r]}: {@link #leftContext()} frames back and {@code r} ahead.
 *
 * @param channels     output channels, 1..{@value #MAX_CHANNELS}
 * @param kernelTime   frames the kernel spans, {@code kT}: 1..{@value #MAX_KERNEL} (odd or even)
 * @param kernelFreq   bins the kernel spans, {@code kF}: odd, 1..{@value #MAX_KERNEL} ("same" zero padding of
 *                     {@code (kF - 1) / 2} bins on each side)
 * @param strideFreq   step between output bins: 1 or 2
 * @param rightContext frames of lookahead {@code r}, {@code 0 <= r < kT}
 */
public record ConvLayerSpec(int channels, int kernelTime, int kernelFreq, int strideFreq, int rightContext) {

    /** Most output channels of one layer. */
    public static final int MAX_CHANNELS = 256;
    /** Largest kernel side, in frames or bins. */
    public static final int MAX_KERNEL = 31;

    public ConvLayerSpec {
        require(channels >= 1 && channels <= MAX_CHANNELS,
                "channels must be 1.." + MAX_CHANNELS + ", got " + channels);
        require(kernelTime >= 1 && kernelTime <= MAX_KERNEL,
                "kernelTime must be 1.." + MAX_KERNEL + ", got " + kernelTime);
        require(kernelFreq >= 1 && kernelFreq <= MAX_KERNEL && kernelFreq % 2 == 1,
                "kernelFreq must be odd (same padding in frequency) and 1.." + MAX_KERNEL + ", got " + kernelFreq);
        require(strideFreq == 1 || strideFreq == 2, "strideFreq must be 1 or 2, got " + strideFreq);
        require(rightContext >= 0 && rightContext < kernelTime,
                "rightContext must be 0..kernelTime-1 = 0.." + (kernelTime - 1) + ", got " + rightContext);
    }

    /** Frames back the kernel sees, {@code kT - 1 - r}. */
    public int leftContext() {
        return kernelTime - 1 - rightContext;
    }

    /** Zero padding in frequency on each side, {@code (kF - 1) / 2}. */
    public int padFreq() {
        return (kernelFreq - 1) / 2;
    }

    /** Output bins for {@code inputBins} input bins: {@code ceil(inputBins / strideFreq)}. */
    public int outputBins(int inputBins) {
        return (inputBins + strideFreq - 1) / strideFreq;
    }

    @Override
    public String toString() {
        return channels + "x" + kernelTime + "x" + kernelFreq + (strideFreq == 1 ? "" : "/" + strideFreq)
                + " r" + rightContext;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid front-end conv layer: " + message);
        }
    }
}

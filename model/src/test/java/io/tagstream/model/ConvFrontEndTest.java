package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The front end's convolution against cases worked out by hand, in the engine's kernel ({@link ConvLayer},
 * {@link ConvFrontEnd}) and in the oracle ({@link ReferenceEncoder#convolve}) alike: which frames a kernel row sees
 * (its right context), zero padding before and after the recording and in frequency, the frequency stride, ReLU,
 * and the channel-fastest layout of a frame.
 */
class ConvFrontEndTest {

    /** 4 frames x 3 bins, one channel. */
    private static final float[][] X = {{1, 2, 0}, {0, 1, -1}, {2, 0, 1}, {-1, 1, 1}};
    /** Kernel [Co=1, Ci=1, kT=2, kF=3]: row 0 (the older frame) [1, 0, -1], row 1 [0, 2, 1]; bias -1. */
    private static final float[] KERNEL = {1, 0, -1, 0, 2, 1};
    private static final float[] BIAS = {-1};

    /**
     * r = 0: frame t sees frames t-1 (kernel row 0) and t (row 1), so
     * {@code y[t][f] = relu(-1 + x[t-1][f-1] - x[t-1][f+1] + 2 x[t][f] + x[t][f+1])}, x = 0 outside:
     * <pre>
     * t0: f0 -1 + 0 + 2*1 + 2 = 3      f1 -1 + 0 + 2*2 + 0 = 3       f2 -1 + 0 + 2*0 + 0 = -1 -> 0
     * t1: f0 -1 + (0-2) + (0+1) = -2 -> 0   f1 -1 + (1-0) + (2-1) = 1   f2 -1 + (2-0) + (-2+0) = -1 -> 0
     * t2: f0 -1 + (0-1) + (4+0) = 2     f1 -1 + (0+1) + (0+1) = 1     f2 -1 + (1-0) + (2+0) = 2
     * t3: f0 -1 + (0-0) + (-2+1) = -2 -> 0  f1 -1 + (2-1) + (2+1) = 3  f2 -1 + (0-0) + (2+0) = 1
     * </pre>
     */
    @Test
    void causalKernelSeesThePreviousFrameAndZeroBeforeTheFirst() {
        double[][] expected = {{3, 3, 0}, {0, 1, 0}, {2, 1, 2}, {0, 3, 1}};
        assertBoth(new ConvLayerSpec(1, 2, 3, 1, 0), expected);
    }

    /**
     * r = 1: frame t sees frames t (row 0) and t+1 (row 1): the rows above moved up one frame, and the last frame
     * sees zeros after the recording: {@code relu(-1 + x[3][f-1] - x[3][f+1])} = relu(-2), relu(-3), relu(0) = 0.
     */
    @Test
    void lookaheadKernelSeesTheNextFrameAndZeroAfterTheLast() {
        double[][] expected = {{0, 1, 0}, {2, 1, 2}, {0, 3, 1}, {0, 0, 0}};
        assertBoth(new ConvLayerSpec(1, 2, 3, 1, 1), expected);
    }

    /** Stride 2 over 3 bins: ceil(3 / 2) = 2 output bins centred on bins 0 and 2 (the causal case's columns 0, 2). */
    @Test
    void strideTwoKeepsTheBinsAtEvenCentres() {
        double[][] expected = {{3, 0}, {0, 0}, {2, 2}, {0, 1}};
        assertBoth(new ConvLayerSpec(1, 2, 3, 2, 0), expected);
    }

    /**
     * Two 1x1 layers over a frame of 2 bins [3, -2]: layer 0 has 2 output channels, weights [1, -1], bias 0, so
     * bin 0 gives (3, relu(-3) = 0) and bin 1 (relu(-2) = 0, 2): the frame [3, 0, 0, 2], channel fastest. Layer 1
     * takes both channels with weights [1, -2], bias 0.5: bin 0: 0.5 + 3 - 0 = 3.5, bin 1: 0.5 + 0 - 4 = -3.5 -> 0.
     */
    @Test
    void channelsAreTheFastestIndexOfAFrame() {
        ConvLayerSpec first = new ConvLayerSpec(2, 1, 1, 1, 0);
        ConvLayerSpec second = new ConvLayerSpec(1, 1, 1, 1, 0);
        EncoderConfig config = new EncoderConfig(2, 4, 1, 4, 1, 1, 0, 2, PositionEncoding.RELATIVE_BIAS,
                NormPlacement.PRE_NORM, Activation.RELU).withFrontEnd(FrontEnd.of(first, second));
        Map<String, WeightTensor> tensors = new LinkedHashMap<>(EncoderWeights.random(config, 1).tensors());
        tensors.put("frontend.conv0.weight", WeightTensor.of(new float[] {1, -1}, 2, 1, 1, 1));
        tensors.put("frontend.conv0.bias", WeightTensor.of(new float[] {0, 0}, 2));
        tensors.put("frontend.conv1.weight", WeightTensor.of(new float[] {1, -2}, 1, 2, 1, 1));
        tensors.put("frontend.conv1.bias", WeightTensor.of(new float[] {0.5f}, 1));
        EncoderWeights weights = EncoderWeights.of(config, new float[] {0, 0}, new float[] {1, 1}, tensors);
        assertEquals(2, config.projectionInputDims());

        float[] out = new ConvFrontEnd(weights).forward(new float[] {3, -2}, 0, 1, 1, new Workspace(config,
                config.trainedSpan()));
        assertArrayEquals(new float[] {3.5f, 0}, Arrays.copyOf(out, 2));

        double[][] middle = ReferenceEncoder.convolve(new double[][] {{3, -2}}, 2, 1, first,
                weights.convWeights().get(0), weights.convBiases().get(0));
        assertArrayEquals(new double[] {3, 0, 0, 2}, middle[0]);
        double[][] last = ReferenceEncoder.convolve(middle, 2, 2, second, weights.convWeights().get(1),
                weights.convBiases().get(1));
        assertArrayEquals(new double[] {3.5, 0}, last[0]);
    }

    private static void assertBoth(ConvLayerSpec spec, double[][] expected) {
        WeightTensor weight = WeightTensor.of(KERNEL, 1, 1, 2, 3);
        WeightTensor bias = WeightTensor.of(BIAS, 1);
        ConvLayer layer = new ConvLayer(spec, 3, 1, weight, bias);
        float[] in = new float[X.length * 3];
        double[][] x = new double[X.length][3];
        for (int t = 0; t < X.length; t++) {
            System.arraycopy(X[t], 0, in, t * 3, 3);
            for (int f = 0; f < 3; f++) {
                x[t][f] = X[t][f];
            }
        }
        float[] out = new float[X.length * layer.outputWidth()];
        layer.forward(in, X.length, 0, X.length, out, 0, new float[layer.paddedSize(X.length)]);
        double[][] reference = ReferenceEncoder.convolve(x, 3, 1, spec, weight, bias);
        for (int t = 0; t < X.length; t++) {
            assertArrayEquals(expected[t], reference[t], 0.0, "oracle, frame " + t);
            for (int f = 0; f < expected[t].length; f++) {
                assertEquals(expected[t][f], out[t * layer.outputWidth() + f], 0.0, "engine, frame " + t + " bin " + f);
            }
        }
        // one frame at a time, each from a buffer holding only the frames it sees (as a stream's cache does)
        for (int t = spec.leftContext(); t < X.length - spec.rightContext(); t++) {
            float[] one = new float[layer.outputWidth()];
            int from = t - spec.leftContext();
            layer.forward(Arrays.copyOfRange(in, from * 3, (t + spec.rightContext() + 1) * 3),
                    spec.kernelTime(), spec.leftContext(), 1, one, 0, new float[layer.paddedSize(1)]);
            for (int f = 0; f < expected[t].length; f++) {
                assertEquals(expected[t][f], one[f], 0.0, "engine alone, frame " + t + " bin " + f);
            }
        }
    }

    /**
     * The kernel's fast path for channel counts that are multiples of 8 against the double-precision oracle, and
     * against the same formula in float summed in the documented order (bias, then kernel frame, kernel bin, input
     * channel), skipping the taps outside the recording and the spectrum (which the engine adds as zeros from its
     * padded block): the same bits, for 8, 16 and 24 output channels (and 5, which takes the general path), over 9
     * input bins (5 output bins: four side by side, then one) and 8 and 16 (4 and 8: four at a time only).
     */
    @Test
    void everyChannelCountGivesTheBitsOfTheDocumentedSummationOrder() {
        Random random = new Random(21);
        for (int[] shape : new int[][] {{5, 9}, {8, 9}, {16, 9}, {24, 9}, {16, 8}, {16, 16}}) {
            int co = shape[0];
            int bins = shape[1];
            ConvLayerSpec spec = new ConvLayerSpec(co, 3, 3, 2, 1);
            int ci = 3;
            float[] w = new float[co * ci * 3 * 3];
            float[] b = new float[co];
            for (int v = 0; v < w.length; v++) {
                w[v] = (float) random.nextGaussian();
            }
            for (int v = 0; v < b.length; v++) {
                b[v] = (float) random.nextGaussian();
            }
            WeightTensor weight = WeightTensor.of(w, co, ci, 3, 3);
            WeightTensor bias = WeightTensor.of(b, co);
            ConvLayer layer = new ConvLayer(spec, bins, ci, weight, bias);
            int frames = 7;
            float[] in = new float[frames * bins * ci];
            double[][] x = new double[frames][bins * ci];
            for (int v = 0; v < in.length; v++) {
                in[v] = (float) random.nextGaussian();
                x[v / (bins * ci)][v % (bins * ci)] = in[v];
            }
            float[] out = new float[frames * layer.outputWidth()];
            layer.forward(in, frames, 0, frames, out, 0, new float[layer.paddedSize(frames)]);
            double[][] oracle = ReferenceEncoder.convolve(x, bins, ci, spec, weight, bias);
            int outBins = layer.outputWidth() / co;
            for (int t = 0; t < frames; t++) {
                for (int f = 0; f < outBins; f++) {
                    for (int o = 0; o < co; o++) {
                        float sum = b[o];
                        for (int i = 0; i < 3; i++) {
                            int row = t - 1 + i;
                            for (int j = 0; j < 3; j++) {
                                int bin = 2 * f - 1 + j;
                                if (row < 0 || row >= frames || bin < 0 || bin >= bins) {
                                    continue;
                                }
                                for (int c = 0; c < ci; c++) {
                                    sum += w[((o * ci + c) * 3 + i) * 3 + j] * in[(row * bins + bin) * ci + c];
                                }
                            }
                        }
                        float got = out[t * layer.outputWidth() + f * co + o];
                        assertEquals(Float.floatToRawIntBits(Math.max(0f, sum)), Float.floatToRawIntBits(got),
                                co + " channels, " + bins + " bins, frame " + t + " bin " + f + " channel " + o);
                        assertEquals(oracle[t][f * co + o], got, 1e-5, "oracle");
                    }
                }
            }
        }
    }
}

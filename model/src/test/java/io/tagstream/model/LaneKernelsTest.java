package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels give exactly the bits of the plain loops (so a frame's labels do not depend on whether a
 * JVM has the module), for lengths that fill vectors and lengths that leave tails; the plain loops against a double
 * sum; and the tests run the vector kernels (surefire adds the module as the launcher does).
 */
class LaneKernelsTest {

    private final LaneKernels scalar = new ScalarLaneKernels();
    private final LaneKernels vector = new VectorLaneKernels();

    @Test
    void theTestsRunTheVectorKernels() {
        assertTrue(LaneKernels.fastest().runsVectors(), "fastest: " + LaneKernels.fastest().name());
    }

    /**
     * Every 389th float from -100 to 0 (bit patterns, 2.9 million values: rounding ties of {@code n}, both sides of
     * the argument range, zeros of both signs), shifted by 0 and by a random maximum: vector lanes give
     * {@link FloatExp#exp}'s bits.
     */
    @Test
    void exponentialsAreFloatExpsBits() {
        int top = Float.floatToRawIntBits(-100f);
        int count = 0;
        float[] block = new float[8 * 1024 + 5];
        int filled = 0;
        for (int bits = Float.floatToRawIntBits(-0f); bits <= top; bits += 389) {
            block[filled++] = Float.intBitsToFloat(bits);
            if (filled == block.length) {
                assertSameExponentials(block, 0f);
                filled = 0;
            }
            count++;
        }
        assertSameExponentials(Arrays.copyOf(block, filled), 0f);
        assertTrue(count > 2_500_000, "values checked: " + count);
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            float[] values = gaussian(random, 1 + random.nextInt(90));
            for (int i = 0; i < values.length; i++) {
                values[i] *= 30;
            }
            values[random.nextInt(values.length)] = Float.NEGATIVE_INFINITY; // a masked score
            float max = Float.NEGATIVE_INFINITY;
            for (float v : values) {
                max = Math.max(max, v);
            }
            assertSameExponentials(values, max);
        }
        assertSameExponentials(new float[] {0f, -0f, 1f, 88.5f, 100f, -87.3f, -87.4f, -1e30f, 2f, 3f}, 0f);
    }

    private void assertSameExponentials(float[] values, float shift) {
        float[] a = values.clone();
        float[] b = values.clone();
        int from = Math.min(3, values.length);
        scalar.exponentials(a, from, values.length, shift);
        vector.exponentials(b, from, values.length, shift);
        for (int i = 0; i < values.length; i++) {
            float expected = i < from ? values[i] : FloatExp.exp(values[i] - shift);
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(a[i]), "scalar, x = " + values[i]);
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(b[i]), "vector, x = " + values[i]);
        }
    }

    /** A softmax through either kernels has the same bits, sums to 1 and matches the double softmax. */
    @Test
    void softmaxIsTheSameOnBothKernels() {
        Random random = new Random(8);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(90);
            float[] values = gaussian(random, n + 4);
            float[] a = values.clone();
            float[] b = values.clone();
            Softmax.inPlace(a, 2, 2 + n, scalar);
            Softmax.inPlace(b, 2, 2 + n, vector);
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 2; i < 2 + n; i++) {
                max = Math.max(max, values[i]);
            }
            double sum = 0;
            for (int i = 2; i < 2 + n; i++) {
                sum += Math.exp(values[i] - max);
            }
            for (int i = 0; i < values.length; i++) {
                assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "n " + n + ", i " + i);
                double expected = i < 2 || i >= 2 + n ? values[i] : Math.exp(values[i] - max) / sum;
                assertEquals(expected, a[i], 1e-6, "n " + n + ", i " + i);
            }
        }
    }

    @Test
    void scoresAreTheScalarBitsAndTheDoubleSum() {
        Random random = new Random(1);
        for (int trial = 0; trial < 300; trial++) {
            int dims = 1 + random.nextInt(40);
            int n = 1 + random.nextInt(80);
            int stride = n + random.nextInt(20);
            int first = random.nextInt(stride - n + 1);
            int keyRow = random.nextInt(3);
            float[] keys = gaussian(random, (keyRow + dims) * stride);
            float[] q = gaussian(random, dims + 5);
            float[] a = new float[n + 7];
            float[] b = new float[n + 7];
            scalar.scores(q, 3, dims, keys, keyRow, stride, first, n, a, 2);
            vector.scores(q, 3, dims, keys, keyRow, stride, first, n, b, 2);
            assertArrayEquals(a, b, 0f, "dims " + dims + ", n " + n);
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < dims; j++) {
                    sum += (double) q[3 + j] * keys[(keyRow + j) * stride + first + i];
                }
                assertEquals(sum, a[2 + i], 1e-5 * dims, "score " + i);
            }
        }
    }

    @Test
    void mixIsTheScalarBitsAndTheDoubleSum() {
        Random random = new Random(2);
        for (int trial = 0; trial < 300; trial++) {
            int heads = 1 + random.nextInt(4);
            int headDims = new int[] {8, 16, 24, 32, 5, 12}[random.nextInt(6)];
            int d = heads * headDims;
            int n = 1 + random.nextInt(80);
            int first = random.nextInt(10);
            int stride = n + random.nextInt(5);
            float[] weights = gaussian(random, heads * stride);
            float[] values = gaussian(random, (first + n) * d);
            float[] a = new float[d + 3];
            float[] b = new float[d + 3];
            Arrays.fill(b, 9f);
            scalar.mix(weights, stride, headDims, values, d, first, n, a, 1);
            vector.mix(weights, stride, headDims, values, d, first, n, b, 1);
            assertArrayEquals(Arrays.copyOfRange(a, 1, d + 1), Arrays.copyOfRange(b, 1, d + 1), 0f,
                    "heads " + heads + " x " + headDims + ", n " + n);
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += (double) weights[j / headDims * stride + i] * values[(first + i) * d + j];
                }
                assertEquals(sum, a[1 + j], 1e-5 * n, "context " + j);
            }
        }
    }

    /**
     * One to nine positions (four at a time and the rest one by one in the vector kernels), 1-40 channels (whole
     * vector pairs, single vectors and a scalar tail), 0-49 taps: the vector kernels give the scalar bits, and each
     * output is its taps' sum in double within 1e-5 per term.
     */
    @Test
    void sumTapsIsTheScalarBitsAndTheDoubleSum() {
        Random random = new Random(3);
        for (int trial = 0; trial < 400; trial++) {
            int m = 1 + random.nextInt(40);
            int taps = random.nextInt(50);
            int positions = 1 + random.nextInt(9);
            int inStep = random.nextInt(12);
            int accStep = m + random.nextInt(5);
            float[] in = gaussian(random, 100 + positions * inStep);
            float[] kernel = gaussian(random, 60 * m);
            int[] inIndex = new int[taps + 2];
            int[] kernelIndex = new int[taps + 2];
            for (int t = 0; t < taps; t++) {
                inIndex[t] = random.nextInt(97);
                kernelIndex[t] = random.nextInt(60) * m;
            }
            float[] a = gaussian(random, 2 + positions * accStep);
            float[] b = a.clone();
            float[] start = a.clone();
            scalar.sumTaps(in, 3, inStep, inIndex, kernel, kernelIndex, taps, a, 2, accStep, positions, m);
            vector.sumTaps(in, 3, inStep, inIndex, kernel, kernelIndex, taps, b, 2, accStep, positions, m);
            String where = "m " + m + ", taps " + taps + ", positions " + positions;
            assertArrayEquals(a, b, 0f, where);
            for (int p = 0; p < positions; p++) {
                for (int o = 0; o < accStep; o++) {
                    int at = 2 + p * accStep + o;
                    double sum = start[at];
                    for (int t = 0; o < m && t < taps; t++) {
                        sum += (double) in[3 + p * inStep + inIndex[t]] * kernel[kernelIndex[t] + o];
                    }
                    assertEquals(sum, a[at], 1e-5 * (taps + 1), where + ": position " + p + ", channel " + o);
                }
            }
        }
    }

    private static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}

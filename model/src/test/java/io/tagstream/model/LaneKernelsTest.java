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

    @Test
    void sumTapsIsTheScalarBitsAndTheDoubleSum() {
        Random random = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            int m = 1 + random.nextInt(40);
            int taps = random.nextInt(50);
            float[] in = gaussian(random, 100);
            float[] kernel = gaussian(random, 60 * m);
            int[] inIndex = new int[taps + 2];
            int[] kernelIndex = new int[taps + 2];
            for (int t = 0; t < taps; t++) {
                inIndex[t] = random.nextInt(in.length - 3);
                kernelIndex[t] = random.nextInt(60) * m;
            }
            float[] a = gaussian(random, m + 2);
            float[] b = a.clone();
            float[] start = a.clone();
            scalar.sumTaps(in, 3, inIndex, kernel, kernelIndex, taps, a, 2, m);
            vector.sumTaps(in, 3, inIndex, kernel, kernelIndex, taps, b, 2, m);
            assertArrayEquals(a, b, 0f, "m " + m + ", taps " + taps);
            for (int o = 0; o < m; o++) {
                double sum = start[2 + o];
                for (int t = 0; t < taps; t++) {
                    sum += (double) in[3 + inIndex[t]] * kernel[kernelIndex[t] + o];
                }
                assertEquals(sum, a[2 + o], 1e-5 * (taps + 1), "channel " + o);
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

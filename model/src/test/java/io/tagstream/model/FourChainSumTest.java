package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The four-chain sums against exact sums (BigDecimal) and a hand-computed order. */
class FourChainSumTest {

    @Test
    void sumsEveryElementOfTheRangeOnly() {
        float[] x = {100f, 1f, 2f, 3f, 4f, 5f, 100f};
        assertEquals(15.0, FourChainSum.of(x, 1, 6), 0.0);     // (1 + 5) + 2, 3 + 4
        assertEquals(0.0, FourChainSum.of(x, 3, 3), 0.0);
        // squared distances to 3 of 1..5: 4 + 1 + 0 + 1 + 4
        assertEquals(10.0, FourChainSum.ofSquaredDistances(x, 1, 6, 3.0), 0.0);
    }

    @Test
    void matchesTheExactSumToDoubleRounding() {
        Random random = new Random(5);
        for (int length = 0; length <= 200; length += 1 + length / 8) {
            float[] x = new float[length + 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (random.nextGaussian() * 100);
            }
            BigDecimal exact = BigDecimal.ZERO;
            BigDecimal exactSquares = BigDecimal.ZERO;
            BigDecimal magnitude = BigDecimal.ZERO;
            for (int i = 2; i < 2 + length; i++) {
                BigDecimal v = new BigDecimal(x[i]);
                exact = exact.add(v);
                magnitude = magnitude.add(v.abs());
                BigDecimal c = v.subtract(new BigDecimal(0.5));
                exactSquares = exactSquares.add(c.multiply(c));
            }
            // a double sum of n terms is within n * 2^-53 of the sum of the magnitudes
            double bound = (length + 1) * 0x1p-52 * magnitude.doubleValue();
            assertEquals(exact.doubleValue(), FourChainSum.of(x, 2, 2 + length), bound, "length " + length);
            assertEquals(exactSquares.doubleValue(), FourChainSum.ofSquaredDistances(x, 2, 2 + length, 0.5),
                    (length + 1) * 0x1p-51 * exactSquares.doubleValue(), "squares, length " + length);
        }
    }
}

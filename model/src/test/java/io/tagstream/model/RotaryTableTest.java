package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The table-composed rotation against a reference that reduces the angle {@code p * theta_i} modulo 2 pi in 60-digit
 * decimal arithmetic before taking its cosine and sine in double, at positions across every table level and beyond
 * them (a stream 1,000 years old). Tolerance: 3e-7 per rotated value of magnitude ~1, i.e. float rounding of the
 * cosine, the sine and the two products.
 */
class RotaryTableTest {

    private static final MathContext DIGITS = new MathContext(60);
    private static final BigDecimal TWO_PI = new BigDecimal(
            "6.28318530717958647692528676655900576839433879875021164194988918461563281257241799725606965");

    @Test
    void rotationMatchesAnExactlyReducedAngleAtAnyStreamAge() {
        int heads = 2;
        int headDims = 8;
        RotaryTable table = new RotaryTable(heads, headDims);
        Random random = new Random(5);
        long[] positions = {0, 1, 2, 1_023, 1_024, 1_025, 777_777, (1L << 20) - 1, 1L << 20, 3_600_000,
            (1L << 30) - 1, 1L << 30, (1L << 30) + 12_345, 3_153_600_000_000L};
        for (long position : positions) {
            float[] row = randomRow(random, 3 * heads * headDims);
            float[] rotated = row.clone();
            table.rotateQueryAndKey(rotated, 0, position);
            float[] expected = row.clone();
            for (int part = 0; part < 2; part++) {              // query, key; the value is left alone
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < headDims / 2; i++) {
                        int at = part * heads * headDims + h * headDims + 2 * i;
                        double angle = reducedAngle(position, RotaryTable.frequency(i, headDims));
                        double a = row[at];
                        double b = row[at + 1];
                        expected[at] = (float) (a * Math.cos(angle) - b * Math.sin(angle));
                        expected[at + 1] = (float) (a * Math.sin(angle) + b * Math.cos(angle));
                    }
                }
            }
            assertArrayEquals(expected, rotated, 3e-7f, "position " + position);
        }
    }

    @Test
    void scoresDependOnTheOffsetOnlyAndTheBitsOnThePositionOnly() {
        RotaryTable table = new RotaryTable(1, 16);
        Random random = new Random(6);
        float[] q = randomRow(random, 48);
        float[] k = randomRow(random, 48);
        double young = score(table, q, k, 10, 13);
        for (long p : new long[] {1_000, 1L << 20, 36_000_000, 5_000_000_000L}) {
            assertEquals(young, score(table, q, k, p, p + 3), 2e-6, "query at " + p);
            float[] once = q.clone();
            float[] again = q.clone();
            table.rotateQueryAndKey(once, 0, p);
            table.rotateQueryAndKey(again, 0, p);
            assertArrayEquals(once, again, 0f, "same position, same bits");
        }
        assertThrows(IllegalArgumentException.class, () -> table.rotateQueryAndKey(q.clone(), 0, -1));
    }

    private static double score(RotaryTable table, float[] q, float[] k, long queryAt, long keyAt) {
        float[] qr = q.clone();
        float[] kr = k.clone();
        table.rotateQueryAndKey(qr, 0, queryAt);
        table.rotateQueryAndKey(kr, 0, keyAt);
        double dot = 0;
        for (int j = 0; j < 16; j++) {
            dot += (double) qr[j] * kr[16 + j];
        }
        return dot;
    }

    /** {@code position * theta mod 2 pi}, with the product and the reduction done in 60 digits. */
    private static double reducedAngle(long position, double theta) {
        BigDecimal angle = new BigDecimal(position).multiply(new BigDecimal(theta), DIGITS);
        BigDecimal turns = angle.divide(TWO_PI, DIGITS).setScale(0, java.math.RoundingMode.FLOOR);
        return angle.subtract(turns.multiply(TWO_PI, DIGITS), DIGITS).doubleValue();
    }

    private static float[] randomRow(Random random, int n) {
        float[] row = new float[n];
        for (int i = 0; i < n; i++) {
            row[i] = (float) random.nextGaussian();
        }
        return row;
    }
}

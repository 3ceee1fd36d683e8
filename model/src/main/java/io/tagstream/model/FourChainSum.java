package io.tagstream.model;

/**
 * The double sum of a range of floats in four interleaved chains (element {@code i} of the range in chain
 * {@code i % 4}), the chains then added pairwise: a fixed order for a given range, so the same values give the same
 * bits on every path, and four independent chains of adds instead of one whose every step waits for the last.
 */
final class FourChainSum {

    private FourChainSum() {
    }

    /** The sum of {@code x[from, to)}. */
    static double of(float[] x, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; i < to; i++) {
            s0 += x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The sum of the squared distances of {@code x[from, to)} to {@code centre}, in the same order. */
    static double ofSquaredDistances(float[] x, int from, int to, double centre) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            double c0 = x[i] - centre;
            double c1 = x[i + 1] - centre;
            double c2 = x[i + 2] - centre;
            double c3 = x[i + 3] - centre;
            s0 += c0 * c0;
            s1 += c1 * c1;
            s2 += c2 * c2;
            s3 += c3 * c3;
        }
        for (; i < to; i++) {
            double c = x[i] - centre;
            s0 += c * c;
        }
        return (s0 + s1) + (s2 + s3);
    }
}

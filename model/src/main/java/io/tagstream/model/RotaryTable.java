package io.tagstream.model;

/**
 * Rotary position embedding. Pair {@code (2i, 2i+1)} of each head of a query or key is rotated by the angle
 * {@code p * theta_i}, {@code theta_i = 10000^(-2i / d_k)}, where {@code p} is its frame's position:
 * {@code (a, b) -> (a cos - b sin, a sin + b cos)}. A query rotated by {@code p_q} and a key rotated by {@code p_k}
 * have a dot product that depends on {@code p_k - p_q} only.
 *
 * <p>The position is the frame's index in its stream (or recording), so a frame's rotated query and key are a
 * function of that frame alone: the same bits however frames are chunked, batched or rebuilt, which byte-identical
 * replays need. A float32 angle {@code p * theta_0} would lose all precision after hours of stream (at frame 3.6
 * million its spacing is 0.25 rad); here the cosine and sine are composed in double from three tables,
 * {@code p = lo + 1024 mid + 2^20 top} (exact angle addition, covering 2^30 frames = 124 days of 10 ms frames; beyond
 * that the remaining part is computed directly), and only the result is rounded to float. Everything is plain
 * {@code double} arithmetic and {@link StrictMath}, so the bits are the same on every JVM and every JIT tier.
 */
final class RotaryTable {

    private static final double TWO_PI_HIGH = 2 * Math.PI;               // 2 pi rounded to double
    private static final double TWO_PI_LOW = 2.4492935982947064e-16;     // 2 pi - TWO_PI_HIGH
    private static final int LEVEL_BITS = 10;
    private static final int LEVEL_SIZE = 1 << LEVEL_BITS;
    private static final int LEVELS = 3;

    private final int heads;
    private final int headDims;
    private final int pairs;            // headDims / 2
    private final double[] theta;       // [pairs]
    private final double[][] cos;       // [LEVELS][LEVEL_SIZE * pairs]: cos(j * 1024^level * theta_i)
    private final double[][] sin;

    RotaryTable(int heads, int headDims) {
        if (headDims % 2 != 0 || heads < 1) {
            throw new IllegalArgumentException("rotary positions need an even head size and at least one head");
        }
        this.heads = heads;
        this.headDims = headDims;
        this.pairs = headDims / 2;
        this.theta = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            theta[i] = frequency(i, headDims);
        }
        this.cos = new double[LEVELS][LEVEL_SIZE * pairs];
        this.sin = new double[LEVELS][LEVEL_SIZE * pairs];
        for (int level = 0; level < LEVELS; level++) {
            long unit = 1L << (LEVEL_BITS * level);
            for (int j = 0; j < LEVEL_SIZE; j++) {
                for (int i = 0; i < pairs; i++) {
                    double angle = reducedAngle(j * unit, theta[i]);
                    cos[level][j * pairs + i] = StrictMath.cos(angle);
                    sin[level][j * pairs + i] = StrictMath.sin(angle);
                }
            }
        }
    }

    /**
     * {@code n * theta} modulo 2 pi, to ~1e-15 rad for any {@code n < 2^53}: the product is split into its double and
     * its exact rounding error (fma), and 2 pi is subtracted in two parts (double-double), so that neither the
     * product's rounding (1e-4 rad at n = 10^12) nor 2 pi's (2.4e-16 per turn) reaches the angle.
     */
    static double reducedAngle(long n, double theta) {
        double product = n * theta;
        double productError = Math.fma(n, theta, -product);
        double turns = Math.rint(product / TWO_PI_HIGH);
        double rest = Math.fma(-turns, TWO_PI_HIGH, product);
        return rest - turns * TWO_PI_LOW + productError;
    }

    /** {@code theta_i} for pair {@code i} of a head of {@code headDims}. */
    static double frequency(int pair, int headDims) {
        return Math.pow(EncoderConfig.ROTARY_BASE, -2.0 * pair / headDims);
    }

    /**
     * Rotates the queries and keys of {@code count} consecutive fused query/key/value rows {@code [count, 3d]} read
     * from {@code offset}, row {@code i} to {@code firstPosition + i}.
     */
    void rotateRows(float[] qkv, int offset, int count, long firstPosition) {
        int stride = 3 * heads * headDims;
        for (int i = 0; i < count; i++) {
            rotateQueryAndKey(qkv, offset + i * stride, firstPosition + i);
        }
    }

    /**
     * Rotates the query (values {@code [0, d)}) and the key (values {@code [d, 2d)}) of one fused query/key/value
     * row, starting at {@code offset}, to {@code position}, every head.
     *
     * @throws IllegalArgumentException if the position is negative
     */
    void rotateQueryAndKey(float[] row, int offset, long position) {
        if (position < 0) {
            throw new IllegalArgumentException("rotary position must be >= 0, got " + position);
        }
        int lo = (int) (position & (LEVEL_SIZE - 1)) * pairs;
        int mid = (int) ((position >>> LEVEL_BITS) & (LEVEL_SIZE - 1)) * pairs;
        int top = (int) ((position >>> (2 * LEVEL_BITS)) & (LEVEL_SIZE - 1)) * pairs;
        long beyond = position >>> (3 * LEVEL_BITS) << (3 * LEVEL_BITS);
        int d = heads * headDims;
        for (int i = 0; i < pairs; i++) {
            // (c, s) = e^{i lo theta} * e^{i mid theta} * e^{i top theta} [* e^{i beyond theta}]
            double c1 = cos[0][lo + i];
            double s1 = sin[0][lo + i];
            double c2 = cos[1][mid + i];
            double s2 = sin[1][mid + i];
            double c = c1 * c2 - s1 * s2;
            double s = s1 * c2 + c1 * s2;
            double c3 = cos[2][top + i];
            double s3 = sin[2][top + i];
            double cc = c * c3 - s * s3;
            double ss = s * c3 + c * s3;
            if (beyond != 0) {
                double angle = reducedAngle(beyond, theta[i]);
                double c4 = StrictMath.cos(angle);
                double s4 = StrictMath.sin(angle);
                double t = cc * c4 - ss * s4;
                ss = ss * c4 + cc * s4;
                cc = t;
            }
            float fc = (float) cc;
            float fs = (float) ss;
            for (int h = 0; h < heads; h++) {
                rotatePair(row, offset + h * headDims + 2 * i, fc, fs);
                rotatePair(row, offset + d + h * headDims + 2 * i, fc, fs);
            }
        }
    }

    private static void rotatePair(float[] row, int at, float c, float s) {
        float a = row[at];
        float b = row[at + 1];
        row[at] = a * c - b * s;
        row[at + 1] = a * s + b * c;
    }
}

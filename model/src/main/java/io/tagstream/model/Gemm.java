package io.tagstream.model;

/**
 * Matrix multiply of activation rows by a weight matrix: the one tensor operation behind every projection of the
 * encoder. Implementations: {@link JavaGemm} (plain loops; cheapest for a few rows), {@link Nd4jGemm} (ND4J BLAS;
 * fastest for many rows), {@link AdaptiveGemm} (picks one of them per call) and {@link SlottedGemm} (ND4J in a
 * row-invariant layout, {@link RowInvariance}). They agree to float rounding. Implementations are safe to share
 * between threads.
 */
public interface Gemm {

    /**
     * {@code out[rows, n] = in[rows, k] · w[k, n]}: the {@code rows * k} values of {@code in} from {@code inOffset}
     * and the {@code rows * n} values of {@code out} from {@code outOffset}, both row-major; {@code out} is
     * overwritten and must not overlap {@code in}.
     */
    void multiply(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset);

    /** What runs the products, for benches and logs (e.g. "nd4j-row-invariant: 6 of every 12 rows, calls of up to 252"). */
    String name();
}

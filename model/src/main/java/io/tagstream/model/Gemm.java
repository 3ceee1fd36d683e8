package io.tagstream.model;

/**
 * Matrix multiply of activation rows by a weight matrix: the one tensor operation behind every projection of the
 * encoder. Implementations: {@link JavaGemm} (plain loops; cheapest for a few rows), {@link Nd4jGemm} (ND4J BLAS;
 * fastest for many rows) and {@link AdaptiveGemm} (picks one of them per call). They agree to float rounding.
 * Implementations are safe to share between threads.
 */
public interface Gemm {

    /**
     * {@code out[rows, n] = in[rows, k] · w[k, n]}: the {@code rows * k} values of {@code in} from {@code inOffset}
     * and the {@code rows * n} values of {@code out} from {@code outOffset}, both row-major; {@code out} is
     * overwritten and must not overlap {@code in}.
     */
    void multiply(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset);
}

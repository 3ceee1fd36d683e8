package io.tagstream.model;

/**
 * Picks a {@link Gemm} per call by the amount of work: a BLAS call through ND4J costs tens of microseconds before it
 * multiplies anything, plain Java loops cost nothing up front but run several times slower per multiply-add. Below
 * {@code minMultiplyAdds} ({@code rows * k * n}) the small-work implementation runs, from it on the large-work one.
 */
public final class AdaptiveGemm implements Gemm {

    /**
     * The crossover: an ND4J call has a fixed cost, then runs many times faster than plain Java, so they break even
     * at some size; 150k multiply-adds is about 3 rows of the [128, 384] query/key/value projection, 10 rows of the
     * [128, 128] one. {@code tagstream bench model} measures both GEMMs (its {@code nd4j_gemm_*} and
     * {@code java_gemm_*} figures) on the machine at hand.
     */
    public static final long DEFAULT_MIN_MULTIPLY_ADDS = 150_000;

    private final Gemm small;
    private final Gemm large;
    private final long minMultiplyAdds;

    public AdaptiveGemm(Gemm small, Gemm large, long minMultiplyAdds) {
        if (small == null || large == null || minMultiplyAdds < 0) {
            throw new IllegalArgumentException("adaptive gemm needs two implementations and a threshold >= 0");
        }
        this.small = small;
        this.large = large;
        this.minMultiplyAdds = minMultiplyAdds;
    }

    /** Plain Java below {@link #DEFAULT_MIN_MULTIPLY_ADDS}, ND4J from there on. */
    public static AdaptiveGemm javaThenNd4j() {
        return new AdaptiveGemm(new JavaGemm(), new Nd4jGemm(), DEFAULT_MIN_MULTIPLY_ADDS);
    }

    @Override
    public void multiply(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset) {
        long work = (long) rows * w.dim(0) * w.dim(1);
        Gemm chosen = work < minMultiplyAdds ? small : large;
        chosen.multiply(in, inOffset, rows, w, out, outOffset);
    }

    @Override
    public String name() {
        return small.name() + " below " + minMultiplyAdds + " multiply-adds, " + large.name() + " above";
    }
}

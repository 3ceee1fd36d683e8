package io.tagstream.model;

/**
 * Run-time choices of an {@link Encoder}, checked against the trained model when the encoder is built.
 *
 * @param span      attention span to run with; must lie within the trained span (the trained span itself is the
 *                  only one that reproduces training conditions; a narrower one trades accuracy for latency/cost)
 * @param blockRows rows processed per step: the offline path attends in blocks of this many queries, the streaming
 *                  path cuts larger chunks into slices of this many frames (1..65536; any chunk size is accepted)
 * @param gemm      matrix-multiply implementation
 * @param threads   threads one call may use (1..64): batched streaming splits its streams into that many groups,
 *                  the offline path splits each layer's frames; the results do not depend on it (up to float
 *                  rounding). With more than one, the encoder owns worker threads until {@link Encoder#close()}.
 */
public record InferenceOptions(AttentionSpan span, int blockRows, GemmChoice gemm, int threads) {

    /** Rows per step unless chosen otherwise: large enough for efficient GEMMs, small enough to keep buffers small. */
    public static final int DEFAULT_BLOCK_ROWS = 256;

    public InferenceOptions {
        if (span == null || gemm == null) {
            throw new IllegalArgumentException("inference options need a span and a gemm choice");
        }
        if (blockRows < 1 || blockRows > 65_536) {
            throw new IllegalArgumentException("block rows must be 1..65536, got " + blockRows);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be 1..64, got " + threads);
        }
    }

    /** The trained span, default block rows, adaptive GEMM, one thread. */
    public static InferenceOptions defaults(EncoderConfig config) {
        return new InferenceOptions(config.trainedSpan(), DEFAULT_BLOCK_ROWS, GemmChoice.ADAPTIVE, 1);
    }

    /** These options with another span. */
    public InferenceOptions withSpan(AttentionSpan newSpan) {
        return new InferenceOptions(newSpan, blockRows, gemm, threads);
    }

    /** These options with another block size. */
    public InferenceOptions withBlockRows(int rows) {
        return new InferenceOptions(span, rows, gemm, threads);
    }

    /** These options with another GEMM implementation. */
    public InferenceOptions withGemm(GemmChoice choice) {
        return new InferenceOptions(span, blockRows, choice, threads);
    }

    /** These options with another thread count. */
    public InferenceOptions withThreads(int count) {
        return new InferenceOptions(span, blockRows, gemm, count);
    }
}

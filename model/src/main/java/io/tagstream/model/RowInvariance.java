package io.tagstream.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Whether a {@link Gemm} gives a row the same bits however rows are batched, and the row-invariant ND4J GEMM built
 * on that check. Replay determinism needs it: the streams app batches a stream's frames with whatever else is
 * waiting, so a frame's labels may only depend on its own stream.
 *
 * <p>The check multiplies {@value #PROBE_ROWS} random rows one call per row, then cut into calls of many sizes, each
 * cutting also tried behind a first call of another size (which shifts every later row to another place in its
 * call), and compares every row's bits. A BLAS picks its kernels by the call's shape and a row's place, not by the
 * values, so random rows show every kernel path a layout can put a row on.
 */
public final class RowInvariance {

    /**
     * Rows of a probe: more than a {@link MarginLayout#BETWEEN_MARGINS} call holds, so the probe makes several calls
     * in every layout.
     */
    static final int PROBE_ROWS = 300;
    private static final int[] CUTS = {2, 3, 5, 8, 12, 13, 17, 40, 126, 239, 240, PROBE_ROWS};

    /** The layouts the ND4J engine tries, fastest first. */
    static final List<CallLayout> ND4J_LAYOUTS = List.of(MarginLayout.BETWEEN_MARGINS_SMALL_AS_THEY_ARE,
            MarginLayout.BETWEEN_MARGINS, SlotLayout.HALF_PANELS, SlotLayout.BLOCKS_OF_8, SlotLayout.BLOCKS_OF_4,
            SlotLayout.SINGLE_ROWS);

    /** Checked layouts and shapes of this process's BLAS: "layout kxn" to the first difference found, if any. */
    private static final Map<String, Optional<String>> CHECKED = new ConcurrentHashMap<>();

    private RowInvariance() {
    }

    /**
     * ND4J's BLAS, each {@code [k, n]} of {@code shapes} in the first of {@link #ND4J_LAYOUTS} that is row-invariant
     * for it ({@link PerShapeGemm}); plain Java if a shape has none (a BLAS this check does not know), named so in
     * {@link Gemm#name()}. Each of {@code feedForwards} whose two shapes share a layout with the rows as BLAS M keeps
     * its activations in ND4J's buffers ({@link Gemm#multiplyThrough}) where that is row-invariant too. It pins ND4J's
     * BLAS to one thread for the process first: a multi-threaded call splits its rows by the thread count, which
     * moves rows to other kernel paths. The engine's parallelism is its own threads (the app's stream threads,
     * {@link InferenceOptions#threads()}).
     */
    public static Gemm nd4j(List<int[]> shapes, List<FeedForwardShape> feedForwards) {
        Nd4j.factory().blas().setMaxThreads(1);
        Map<List<Integer>, CallLayout> layouts = new LinkedHashMap<>();
        for (int[] shape : shapes) {
            List<String> refusals = new ArrayList<>();
            Optional<CallLayout> layout = firstInvariantLayout(shape[0], shape[1], refusals);
            if (layout.isEmpty()) {
                return new JavaGemm("java (ND4J's BLAS is not row-invariant here in any known layout for "
                        + shape[0] + "x" + shape[1] + ": " + String.join("; ", refusals) + ")");
            }
            layouts.put(List.of(shape[0], shape[1]), layout.get());
        }
        Set<List<Integer>> through = new LinkedHashSet<>();
        for (FeedForwardShape ffn : feedForwards) {
            CallLayout up = layouts.get(List.of(ffn.dims(), ffn.hiddenDims()));
            CallLayout down = layouts.get(List.of(ffn.hiddenDims(), ffn.dims()));
            if (up != null && up.equals(down) && up.orientation() == Nd4jGemm.Orientation.ROWS_AS_ROWS
                    && CHECKED.computeIfAbsent(up + " " + ffn, key -> firstFeedForwardDifference(
                            new SlottedGemm(new Nd4jGemm(up.orientation()), up), ffn.dims(), ffn.hiddenDims(),
                            ffn.activation(), 13L * ffn.dims() + ffn.hiddenDims())).isEmpty()) {
                through.add(List.of(ffn.dims(), ffn.hiddenDims()));
            }
        }
        return new PerShapeGemm(layouts, through);
    }

    /** The feed-forward networks of an encoder: {@code [d, F]} then {@code [F, d]} with an activation between. */
    public record FeedForwardShape(int dims, int hiddenDims, Activation activation) {

        /** The encoder's, if it has attention blocks. */
        public static List<FeedForwardShape> of(EncoderConfig config) {
            return config.layers() == 0 ? List.of()
                    : List.of(new FeedForwardShape(config.modelDims(), config.feedForwardDims(), config.activation()));
        }
    }

    /**
     * The first of {@link #ND4J_LAYOUTS} in which a {@code [k, n]} product is row-invariant here; each layout that is
     * not adds its first difference to {@code refusals}.
     */
    private static Optional<CallLayout> firstInvariantLayout(int k, int n, List<String> refusals) {
        for (CallLayout layout : ND4J_LAYOUTS) {
            Optional<String> difference = CHECKED.computeIfAbsent(layout + " " + k + "x" + n,
                    // probed on a GEMM of its own: an Nd4jGemm keeps an off-heap copy of every weight it multiplies by
                    key -> firstBatchingDifference(new SlottedGemm(new Nd4jGemm(layout.orientation()), layout), k, n,
                            7L * k + n));
            if (difference.isEmpty()) {
                return Optional.of(layout);
            }
            refusals.add(layout.describe() + ": " + difference.get());
        }
        return Optional.empty();
    }

    /** The distinct {@code [k, n]} shapes the encoder multiplies by: its rank-2 weights. */
    public static List<int[]> gemmShapes(EncoderWeights weights) {
        Set<List<Integer>> seen = new LinkedHashSet<>();
        for (WeightTensor tensor : weights.tensors().values()) {
            if (tensor.rank() == 2) {
                seen.add(List.of(tensor.dim(0), tensor.dim(1)));
            }
        }
        return seen.stream().map(shape -> new int[] {shape.get(0), shape.get(1)}).toList();
    }

    /**
     * The first of {@value #PROBE_ROWS} random rows (seeded) whose product by a random {@code [k, n]} matrix has
     * other bits when the rows are cut into calls otherwise than one call per row, named with the cutting; empty if
     * every row kept its bits in every cutting.
     */
    public static Optional<String> firstBatchingDifference(Gemm gemm, int k, int n, long seed) {
        Random random = new Random(seed);
        WeightTensor w = WeightTensor.of(gaussian(random, k * n), k, n);
        float[] in = gaussian(random, PROBE_ROWS * k);
        return firstDifference((from, rows, out, outOffset) -> gemm.multiply(in, from * k, rows, w, out, outOffset),
                n, k + "x" + n);
    }

    /**
     * As {@link #firstBatchingDifference}, for a feed-forward network's two products with {@code activation} between
     * them ({@link Gemm#multiplyThrough}) through random {@code [k, f]} and {@code [f, k]} matrices and a random
     * bias.
     */
    public static Optional<String> firstFeedForwardDifference(Gemm gemm, int k, int f, Activation activation,
            long seed) {
        Random random = new Random(seed);
        WeightTensor up = WeightTensor.of(gaussian(random, k * f), k, f);
        float[] bias = gaussian(random, f);
        WeightTensor down = WeightTensor.of(gaussian(random, f * k), f, k);
        float[] in = gaussian(random, PROBE_ROWS * k);
        float[] hidden = new float[PROBE_ROWS * f];
        return firstDifference((from, rows, out, outOffset) -> gemm.multiplyThrough(in, from * k, rows, up, bias,
                activation, down, hidden, 0, out, outOffset), k, "feed-forward " + k + "x" + f + "x" + k);
    }

    /** Rows {@code [from, from + rows)} of a probe's input through a product into {@code out} from {@code outOffset}. */
    @FunctionalInterface
    private interface RowProduct {
        void apply(int from, int rows, float[] out, int outOffset);
    }

    /** The probe of {@link #firstBatchingDifference} on any product of {@code n} outputs per row. */
    private static Optional<String> firstDifference(RowProduct product, int n, String name) {
        float[] alone = new float[PROBE_ROWS * n];
        for (int r = 0; r < PROBE_ROWS; r++) {
            product.apply(r, 1, alone, r * n);
        }
        float[] out = new float[PROBE_ROWS * n];
        for (int cut : CUTS) {
            for (int first : new int[] {cut, 1 + cut / 2}) {
                Arrays.fill(out, Float.NaN);
                int size = first;
                for (int r = 0; r < PROBE_ROWS; r += size, size = cut) {
                    product.apply(r, Math.min(size, PROBE_ROWS - r), out, r * n);
                }
                for (int row = 0; row < PROBE_ROWS; row++) {
                    if (!Arrays.equals(alone, row * n, row * n + n, out, row * n, row * n + n)) {
                        return Optional.of(name + ": row " + row + " differs in calls of " + cut + " rows"
                                + (first == cut ? "" : " after a first call of " + first));
                    }
                }
                if (cut == 1 + cut / 2) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    private static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}

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
     * {@link Gemm#name()}. It pins ND4J's BLAS to one thread for the process first: a multi-threaded call splits its
     * rows by the thread count, which moves rows to other kernel paths. The engine's parallelism is its own threads
     * (the app's stream threads, {@link InferenceOptions#threads()}).
     */
    public static Gemm nd4j(List<int[]> shapes) {
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
        return new PerShapeGemm(layouts);
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
        float[] alone = new float[PROBE_ROWS * n];
        for (int r = 0; r < PROBE_ROWS; r++) {
            gemm.multiply(in, r * k, 1, w, alone, r * n);
        }
        float[] out = new float[PROBE_ROWS * n];
        for (int cut : CUTS) {
            for (int first : new int[] {cut, 1 + cut / 2}) {
                Arrays.fill(out, Float.NaN);
                int size = first;
                for (int r = 0; r < PROBE_ROWS; r += size, size = cut) {
                    gemm.multiply(in, r * k, Math.min(size, PROBE_ROWS - r), w, out, r * n);
                }
                for (int row = 0; row < PROBE_ROWS; row++) {
                    if (!Arrays.equals(alone, row * n, row * n + n, out, row * n, row * n + n)) {
                        return Optional.of(k + "x" + n + ": row " + row + " differs in calls of " + cut + " rows"
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

package io.tagstream.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ND4J's BLAS with each weight shape in its own {@link CallLayout} ({@link SlottedGemm}): the layouts
 * {@link RowInvariance} found row-invariant for that shape, so every product, and so the whole encoder, gives a row
 * the same bits however rows are batched. A shape it was not built for is an error.
 */
final class PerShapeGemm implements Gemm {

    private final Map<Long, Gemm> byShape = new HashMap<>();
    private final Set<Long> through = new HashSet<>();
    private final String name;

    /**
     * {@code layouts}: each {@code [k, n]} to its layout, in the order the name lists them; {@code through}: the
     * {@code [d, F]} of each feed-forward network ({@code [d, F]} then {@code [F, d]}, both in one layout) whose two
     * products run through ND4J's buffers ({@link Gemm#multiplyThrough}).
     */
    PerShapeGemm(Map<List<Integer>, CallLayout> layouts, Set<List<Integer>> through) {
        if (layouts.isEmpty()) {
            throw new IllegalArgumentException("a per-shape GEMM needs at least one shape");
        }
        Map<CallLayout, Gemm> gemms = new HashMap<>();
        Map<CallLayout, List<String>> shapesOf = new LinkedHashMap<>();
        layouts.forEach((shape, layout) -> {
            Gemm gemm = gemms.computeIfAbsent(layout, l -> new SlottedGemm(new Nd4jGemm(l.orientation()), l));
            byShape.put(key(shape.get(0), shape.get(1)), gemm);
            shapesOf.computeIfAbsent(layout, l -> new ArrayList<>()).add(shape.get(0) + "x" + shape.get(1));
        });
        List<String> parts = new ArrayList<>();
        shapesOf.forEach((layout, shapes) -> parts.add(layout.describe()
                + (shapesOf.size() > 1 ? " (" + String.join(", ", shapes) + ")" : "")));
        for (List<Integer> shape : through) {
            int d = shape.get(0);
            int f = shape.get(1);
            if (byShape.get(key(d, f)) == null || byShape.get(key(d, f)) != byShape.get(key(f, d))) {
                throw new IllegalArgumentException("a feed-forward network " + d + "x" + f + "x" + d
                        + " needs both its shapes in one layout");
            }
            this.through.add(key(d, f));
            parts.add("feed-forward " + d + "x" + f + "x" + d + " through ND4J's buffers");
        }
        this.name = "nd4j-row-invariant: " + String.join("; ", parts);
    }

    @Override
    public void multiply(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset) {
        Gemm gemm = byShape.get(key(w.dim(0), w.dim(1)));
        if (gemm == null) {
            throw new IllegalArgumentException("no row-invariant layout was checked for a " + w.dim(0) + "x"
                    + w.dim(1) + " weight; this engine was built for: " + name);
        }
        gemm.multiply(in, inOffset, rows, w, out, outOffset);
    }

    @Override
    public void multiplyThrough(float[] in, int inOffset, int rows, WeightTensor first, float[] firstBias,
            Activation activation, WeightTensor second, float[] hidden, int hiddenOffset, float[] out, int outOffset) {
        if (through.contains(key(first.dim(0), first.dim(1))) && second.dim(0) == first.dim(1)
                && second.dim(1) == first.dim(0)) {
            byShape.get(key(first.dim(0), first.dim(1))).multiplyThrough(in, inOffset, rows, first, firstBias,
                    activation, second, hidden, hiddenOffset, out, outOffset);
        } else {
            Gemm.super.multiplyThrough(in, inOffset, rows, first, firstBias, activation, second, hidden, hiddenOffset,
                    out, outOffset);
        }
    }

    @Override
    public String name() {
        return name;
    }

    private static long key(int k, int n) {
        return ((long) k << 32) | n;
    }
}

package io.tagstream.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ND4J's BLAS with each weight shape in its own {@link CallLayout} ({@link SlottedGemm}): the layouts
 * {@link RowInvariance} found row-invariant for that shape, so every product, and so the whole encoder, gives a row
 * the same bits however rows are batched. A shape it was not built for is an error.
 */
final class PerShapeGemm implements Gemm {

    private final Map<Long, Gemm> byShape = new HashMap<>();
    private final String name;

    /** {@code layouts}: each {@code [k, n]} to its layout, in the order the name lists them. */
    PerShapeGemm(Map<List<Integer>, CallLayout> layouts) {
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
    public String name() {
        return name;
    }

    private static long key(int k, int n) {
        return ((long) k << 32) | n;
    }
}

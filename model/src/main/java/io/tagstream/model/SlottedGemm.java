package io.tagstream.model;

/**
 * A {@link Gemm} that hands ND4J its rows laid out by a {@link CallLayout}: calls of the layout's row counts, the
 * real rows in its rows, zeros elsewhere, staged straight into the ND4J GEMM's off-heap buffers. With a layout that
 * {@link RowInvariance} found row-invariant, a row's product does not depend on how rows are batched.
 */
public final class SlottedGemm implements Gemm {

    private final Nd4jGemm inner;
    private final CallLayout layout;

    public SlottedGemm(Nd4jGemm inner, CallLayout layout) {
        if (inner == null || layout == null || inner.orientation() != layout.orientation()) {
            throw new IllegalArgumentException("a slotted GEMM needs an ND4J GEMM and a layout of the same "
                    + "orientation");
        }
        this.inner = inner;
        this.layout = layout;
    }

    @Override
    public void multiply(float[] in, int inOffset, int rows, WeightTensor w, float[] out, int outOffset) {
        int k = w.dim(0);
        int n = w.dim(1);
        for (int done = 0; done < rows; done += layout.capacity()) {
            int part = Math.min(layout.capacity(), rows - done);
            inner.multiply(in, inOffset + done * k, part, w, out, outOffset + done * n, layout);
        }
    }

    @Override
    public String name() {
        return inner.name() + "-row-invariant: " + layout.describe();
    }
}

package io.tagstream.model;

import java.util.Arrays;

/**
 * One stream's input frames for one front-end conv layer: the frames the layer's next outputs still read (its last
 * {@code kernelTime - 1} frames, plus those just arrived). Frame positions are stream indices. At stream start
 * (position 0) the frames before 0 are zero, as before a recording; anywhere else (rebuilding mid-stream) the first
 * frame output is {@code startPosition + left}, the first whose whole window is held.
 */
final class ConvCache {

    private final int width;          // values per input frame
    private final int left;
    private final int right;
    private float[] rows;             // [capacity, width] frames [firstPosition, firstPosition + held)
    private int held;
    private long firstPosition;
    private long nextOutput;          // stream position of the next frame this layer outputs

    ConvCache(ConvLayer layer, long startPosition) {
        this.width = layer.inputWidth();
        this.left = layer.left();
        this.right = layer.right();
        this.rows = new float[(left + right + 1) * width];
        this.firstPosition = startPosition;
        this.nextOutput = startPosition == 0 ? 0 : startPosition + left;
    }

    /** Stream position one past the last frame received. */
    long end() {
        return firstPosition + held;
    }

    /** Stream position of the next frame to output. */
    long nextOutput() {
        return nextOutput;
    }

    /** Stream position of the first frame held. */
    long firstPosition() {
        return firstPosition;
    }

    /** Appends {@code count} frames {@code in[count, width]} read from {@code offset}, first dropping unneeded ones. */
    void append(float[] in, int offset, int count) {
        if (count == 0) {
            return;
        }
        int drop = (int) Math.max(0, nextOutput - left - firstPosition);  // no future output reads them
        if (drop > 0) {
            System.arraycopy(rows, drop * width, rows, 0, (held - drop) * width);
            held -= drop;
            firstPosition += drop;
        }
        if ((held + count) * width > rows.length) {
            rows = Arrays.copyOf(rows, Math.max((held + count) * width, 2 * rows.length));
        }
        System.arraycopy(in, offset, rows, held * width, count * width);
        held += count;
    }

    /** Frames ready to output: those whose lookahead has arrived, or every one left when flushing. */
    int readyCount(boolean flushing) {
        long until = flushing ? end() : end() - right;
        return (int) Math.max(0, until - nextOutput);
    }

    /**
     * Outputs the next {@code count} ready frames into {@code out[count, layer output width]} from {@code offset}
     * ({@code ws} lends the layer its padded block).
     */
    void output(ConvLayer layer, int count, float[] out, int offset, Workspace ws) {
        if (count == 0) {
            return;
        }
        layer.forward(rows, held, (int) (nextOutput - firstPosition), count, out, offset,
                ws.convPadded(layer.paddedSize(count)));
        nextOutput += count;
    }

    /** The input frame at stream {@code position}, {@code [width]}: for inspection. */
    float[] frameAt(long position) {
        if (position < firstPosition || position >= end()) {
            throw new IllegalArgumentException("no input frame " + position + " (holding " + firstPosition + ".."
                    + end() + ")");
        }
        int row = (int) (position - firstPosition);
        return Arrays.copyOfRange(rows, row * width, (row + 1) * width);
    }

    /** Bytes of the input frames this cache holds room for. */
    long heldBytes() {
        return 4L * rows.length;
    }
}

package io.tagstream.app.topology;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored frames of one block of a stream's durable context: one record of the context store holds the frames
 * whose indices fall in {@code [start, start + FRAMES)}, oldest first, so a stream's context costs one store write
 * and one changelog record per block and commit (Kafka Streams' cache keeps the last write of a key), not two per
 * frame (the frame, and later its deletion). Blocks are aligned to absolute frame indices, so a stream's blocks are
 * the same however its frames came in and after any restart.
 *
 * @param frames the block's frames, ascending indices inside one block
 */
record ContextBlock(List<ContextFrame> frames) {

    /** Frames per block. */
    static final int FRAMES = 8;

    ContextBlock {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a context block holds at least one frame");
        }
        long start = startOf(frames.get(0).index());
        for (int i = 0; i < frames.size(); i++) {
            long index = frames.get(i).index();
            if (startOf(index) != start || (i > 0 && index <= frames.get(i - 1).index())) {
                throw new IllegalArgumentException("a context block holds ascending frames of one block, got frame "
                        + index + " in the block from " + start);
            }
        }
    }

    /** The first index of the block holding frame {@code index}. */
    static long startOf(long index) {
        return Math.floorDiv(index, FRAMES) * FRAMES;
    }

    /** The first index of this block (its frames may begin later). */
    long start() {
        return startOf(frames.get(0).index());
    }

    /** {@code count}, then each frame's index and values ({@code dims} floats each), little-endian. */
    byte[] toBytes() {
        int dims = frames.get(0).features().length;
        ByteBuffer b = ByteBuffer.allocate(8 + frames.size() * (8 + 4 * dims)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(frames.size()).putInt(dims);
        for (ContextFrame frame : frames) {
            if (frame.features().length != dims) {
                throw new IllegalArgumentException("frames of one block have " + dims + " values each, got "
                        + frame.features().length);
            }
            b.putLong(frame.index());
            for (float f : frame.features()) {
                b.putFloat(f);
            }
        }
        return b.array();
    }

    static ContextBlock fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int count = b.getInt();
        int dims = b.getInt();
        if (count < 1 || count > FRAMES || dims < 1 || bytes.length != 8 + (long) count * (8 + 4L * dims)) {
            throw new IllegalArgumentException("not a context block: " + bytes.length + " bytes for " + count
                    + " frames of " + dims + " values");
        }
        List<ContextFrame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long index = b.getLong();
            float[] features = new float[dims];
            for (int d = 0; d < dims; d++) {
                features[d] = b.getFloat();
            }
            frames.add(new ContextFrame(index, features));
        }
        return new ContextBlock(frames);
    }
}

package io.tagstream.app.topology;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Consecutive feature frames of a stream's durable context, as one entry of the context store: the frames of one
 * feature chunk as it arrived, stored at its first frame's event time. One entry per chunk rather than per frame:
 * at ingest's 50 ms records that is a fifth of the store writes and changelog records (docs/streams-app.md).
 *
 * <p>Binary layout, little-endian: the first frame's index ({@code long}), then the frames' values, frame after
 * frame ({@code float}). It carries no frame count: a reader that knows the feature width reads as many frames as
 * the bytes hold, so an entry of the one-frame-per-entry layout before it reads as a chunk of one frame.
 *
 * @param firstIndex the first frame's sequence number in its stream
 * @param frames     the frames' features, {@code [n][dims]}, {@code n >= 1}
 */
record ContextChunk(long firstIndex, float[][] frames) {

    ContextChunk {
        if (frames.length == 0) {
            throw new IllegalArgumentException("a context chunk holds at least one frame");
        }
    }

    int count() {
        return frames.length;
    }

    /** Frame {@code i} of the chunk, {@code 0 <= i < count()}. */
    ContextFrame frame(int i) {
        return new ContextFrame(firstIndex + i, frames[i]);
    }

    /** The chunk's first {@code n} frames, {@code 1 <= n <= count()}. */
    ContextChunk first(int n) {
        return new ContextChunk(firstIndex, Arrays.copyOf(frames, n));
    }

    byte[] toBytes() {
        int dims = frames[0].length;
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * dims * frames.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(firstIndex);
        for (float[] frame : frames) {
            if (frame.length != dims) {
                throw new IllegalArgumentException("frames of a context chunk have " + dims + " and " + frame.length
                        + " values");
            }
            for (float f : frame) {
                b.putFloat(f);
            }
        }
        return b.array();
    }

    /**
     * The chunk of {@code bytes} whose frames have {@code dims} values each.
     *
     * @throws IllegalArgumentException naming the problem if the bytes are not a whole number of such frames
     */
    static ContextChunk fromBytes(byte[] bytes, int dims) {
        int values = (bytes.length - 8) / 4;
        if (bytes.length < 8 + 4 * dims || (bytes.length - 8) % 4 != 0 || values % dims != 0) {
            throw new IllegalArgumentException("context store entry of " + bytes.length + " bytes is not a frame"
                    + " index and whole frames of " + dims + " features");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long firstIndex = b.getLong();
        float[][] frames = new float[values / dims][dims];
        for (float[] frame : frames) {
            for (int i = 0; i < dims; i++) {
                frame[i] = b.getFloat();
            }
        }
        return new ContextChunk(firstIndex, frames);
    }
}

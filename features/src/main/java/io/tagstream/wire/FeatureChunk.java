package io.tagstream.wire;

import io.tagstream.features.FeatureSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * Consecutive feature frames of one stream as they travel on {@code tagstream.features}, with the full
 * {@link FeatureSpec} that produced them (so a consumer can refuse a spec its model was not trained on).
 * Immutable: the values are copied in and {@link #values()} returns a copy. Binary form: {@link FeatureChunkCodec}.
 *
 * @param streamId    stream id (also the Kafka key), see {@link WireName}
 * @param firstFrame  index of the chunk's first frame in its stream, the sequence number; {@code >= 0}
 * @param spec        how the frames were computed; {@code spec.dims()} values per frame
 * @param startTimeMs event time of the first frame, epoch milliseconds, {@code >= 0}
 * @param count       number of frames, 0..{@value #MAX_FRAMES}
 * @param values      {@code [count * spec.dims()]} row-major (frame after frame), all finite
 * @param endOfStream true on the stream's last chunk; an end-of-stream marker may carry no frames
 */
public record FeatureChunk(
        String streamId,
        long firstFrame,
        FeatureSpec spec,
        long startTimeMs,
        int count,
        float[] values,
        boolean endOfStream) {

    /** Most frames in one chunk. */
    public static final int MAX_FRAMES = 100_000;

    public FeatureChunk {
        WireName.require("stream id", streamId);
        require(firstFrame >= 0, "first frame must be >= 0, got " + firstFrame);
        require(spec != null, "feature spec is required");
        require(startTimeMs >= 0, "start time must be >= 0 ms since the epoch, got " + startTimeMs);
        require(count >= 0 && count <= MAX_FRAMES, "frame count must be 0.." + MAX_FRAMES + ", got " + count);
        require(firstFrame <= Long.MAX_VALUE - count,
                "first frame " + firstFrame + " + " + count + " frames overflows the sequence number");
        require(values != null, "values are required (use an empty array for no frames)");
        require(values.length == (long) count * spec.dims(), "values has " + values.length + " floats, expected "
                + count + " frames x " + spec.dims() + " dims = " + (long) count * spec.dims());
        requireFinite(values, spec.dims(), firstFrame);
        values = values.clone();
    }

    /** A chunk of the frames {@code rows} ({@code [count][spec.dims()]}), copied into one row-major array. */
    public static FeatureChunk ofRows(String streamId, long firstFrame, FeatureSpec spec, long startTimeMs,
            float[][] rows, boolean endOfStream) {
        int dims = spec.dims();
        float[] values = new float[rows.length * dims]; // [count * dims]
        for (int i = 0; i < rows.length; i++) {
            require(rows[i].length == dims, "frame " + i + " has " + rows[i].length + " values, expected " + dims);
            System.arraycopy(rows[i], 0, values, i * dims, dims);
        }
        return new FeatureChunk(streamId, firstFrame, spec, startTimeMs, rows.length, values, endOfStream);
    }

    /** Length of one frame: {@code spec.dims()}. */
    public int dims() {
        return spec.dims();
    }

    /** A copy of row {@code i}: the feature vector of stream frame {@code firstFrame + i}. */
    public float[] frame(int i) {
        Objects.checkIndex(i, count);
        int dims = spec.dims();
        return Arrays.copyOfRange(values, i * dims, (i + 1) * dims);
    }

    /** Value {@code dim} of row {@code i}, without copying. */
    public float value(int i, int dim) {
        Objects.checkIndex(i, count);
        Objects.checkIndex(dim, spec.dims());
        return values[i * spec.dims() + dim];
    }

    /** A copy of all values, {@code [count * dims]} row-major. */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** Index in the stream of the frame after this chunk. */
    public long endFrame() {
        return firstFrame + count;
    }

    /** The values without copying, for the codec; never modified. */
    float[] valuesView() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureChunk other
                && streamId.equals(other.streamId)
                && firstFrame == other.firstFrame
                && spec.equals(other.spec)
                && startTimeMs == other.startTimeMs
                && count == other.count
                && endOfStream == other.endOfStream
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(streamId, firstFrame, spec, startTimeMs, count, endOfStream) + Arrays.hashCode(values);
    }

    /** Summary without the values. */
    @Override
    public String toString() {
        return "FeatureChunk[streamId=" + WireName.quote(streamId) + ", firstFrame=" + firstFrame + ", spec=" + spec
                + ", startTimeMs=" + startTimeMs + ", count=" + count + ", values=float[" + values.length
                + "], endOfStream=" + endOfStream + "]";
    }

    private static void requireFinite(float[] values, int dims, long firstFrame) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                int row = i / dims;
                throw new IllegalArgumentException("value at frame " + row + " of the chunk (stream frame "
                        + (firstFrame + row) + "), dim " + (i % dims) + " is " + values[i] + ", not finite");
            }
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

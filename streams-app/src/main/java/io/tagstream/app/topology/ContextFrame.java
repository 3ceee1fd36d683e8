package io.tagstream.app.topology;

/**
 * One feature frame of a stream's durable context: its index and its values. The context store holds them in
 * {@link ContextChunk}s, one per feature chunk.
 *
 * @param index    the frame's sequence number in its stream
 * @param features the feature vector {@code [dims]}
 */
record ContextFrame(long index, float[] features) {
}

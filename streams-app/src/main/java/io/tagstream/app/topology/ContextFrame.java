package io.tagstream.app.topology;

/**
 * One feature frame of a stream's durable context (stored in a {@link ContextBlock}): its index and its values.
 *
 * @param index    the frame's sequence number in its stream
 * @param features the feature vector {@code [dims]}
 */
record ContextFrame(long index, float[] features) {
}

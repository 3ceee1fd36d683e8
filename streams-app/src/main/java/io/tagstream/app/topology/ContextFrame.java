package io.tagstream.app.topology;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One feature frame of a stream's durable context, as stored in the window store: its index and its values.
 *
 * @param index    the frame's sequence number in its stream
 * @param features the feature vector {@code [dims]}
 */
record ContextFrame(long index, float[] features) {

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * features.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(index);
        for (float f : features) {
            b.putFloat(f);
        }
        return b.array();
    }

    static ContextFrame fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long index = b.getLong();
        float[] features = new float[(bytes.length - 8) / 4];
        for (int i = 0; i < features.length; i++) {
            features[i] = b.getFloat();
        }
        return new ContextFrame(index, features);
    }
}

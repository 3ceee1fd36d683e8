package io.tagstream.app.topology;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What the feature-extraction step remembers about one audio stream between chunks: enough to continue exactly after
 * a fail-over (it lives in a changelogged store).
 *
 * @param nextSample the sample index the next chunk must start at
 * @param nextFrame  the index of the next feature frame
 * @param originMs   event time of sample 0 of the stream, epoch ms (frame k starts at originMs + k * hop)
 * @param carry      samples held back for the next frame (fewer than one window)
 */
record AudioStreamState(long nextSample, long nextFrame, double originMs, float[] carry) {

    private static final byte VERSION = 1;

    byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + 8 + 8 + 4 + 4 * carry.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(VERSION).putLong(nextSample).putLong(nextFrame).putDouble(originMs).putInt(carry.length);
        for (float sample : carry) {
            buffer.putFloat(sample);
        }
        return buffer.array();
    }

    static AudioStreamState fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.get() != VERSION) {
            throw new IllegalStateException("audio stream state has an unknown version");
        }
        long nextSample = buffer.getLong();
        long nextFrame = buffer.getLong();
        double originMs = buffer.getDouble();
        float[] carry = new float[buffer.getInt()];
        for (int i = 0; i < carry.length; i++) {
            carry[i] = buffer.getFloat();
        }
        return new AudioStreamState(nextSample, nextFrame, originMs, carry);
    }
}

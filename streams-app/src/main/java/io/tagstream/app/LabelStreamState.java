package io.tagstream.app;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.tagstream.labels.SegmenterState;

/**
 * What the labeller keeps durable about one stream besides its context frames (which live in the window store).
 *
 * @param nextFrame  the frame index the next feature chunk must start at (older ones are duplicates)
 * @param originMs   event time of frame 0, epoch ms (window-store timestamps are derived from it)
 * @param fedFrames  frames fed to the model since the context began (stream start, or the last reset)
 * @param segmenter  the segment builder's state
 */
record LabelStreamState(long nextFrame, double originMs, long fedFrames, SegmenterState segmenter) {

    private static final byte VERSION = 1;
    private static final int BYTES = 1 + 8 + 8 + 8 + (8 + 4 + 8 + 8 + 4 + 8 + 8 + 8);

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(VERSION).putLong(nextFrame).putDouble(originMs).putLong(fedFrames);
        b.putLong(segmenter.nextFrame()).putInt(segmenter.currentLabel()).putLong(segmenter.segmentStart())
                .putDouble(segmenter.currentSum()).putInt(segmenter.candidateLabel())
                .putLong(segmenter.candidateStart()).putDouble(segmenter.candidateOwnSum())
                .putDouble(segmenter.candidateKeepSum());
        return b.array();
    }

    static LabelStreamState fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length != BYTES || b.get() != VERSION) {
            throw new IllegalStateException("label stream state has an unknown version or size " + bytes.length);
        }
        long nextFrame = b.getLong();
        double originMs = b.getDouble();
        long fed = b.getLong();
        SegmenterState segmenter = new SegmenterState(b.getLong(), b.getInt(), b.getLong(), b.getDouble(), b.getInt(),
                b.getLong(), b.getDouble(), b.getDouble());
        return new LabelStreamState(nextFrame, originMs, fed, segmenter);
    }
}

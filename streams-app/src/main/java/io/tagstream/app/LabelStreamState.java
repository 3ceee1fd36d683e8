package io.tagstream.app;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.tagstream.labels.SegmenterState;

/**
 * What the labeller keeps durable about one stream besides its context frames (which live in the window store).
 *
 * @param nextFrame     the frame index the next feature chunk must start at (older ones are duplicates)
 * @param originMs      event time of frame 0, epoch ms (window-store timestamps are derived from it)
 * @param fedFrames     frames fed to the model since the context began (stream start, or the last reset)
 * @param waitingFrames the newest stored frames not yet fed to the model (they wait for the task's next batched
 *                      forward; after a restart they are read back from the window store and fed then)
 * @param segmenter     the segment builder's state
 */
record LabelStreamState(long nextFrame, double originMs, long fedFrames, int waitingFrames, SegmenterState segmenter) {

    private static final byte VERSION = 2;
    private static final int SEGMENTER_BYTES = 8 + 4 + 8 + 8 + 4 + 8 + 8 + 8;
    private static final int BYTES = 1 + 8 + 8 + 8 + 4 + SEGMENTER_BYTES;
    /** Version 1 (before batching) had no waiting frames; its records still read, as waiting 0. */
    private static final int V1_BYTES = 1 + 8 + 8 + 8 + SEGMENTER_BYTES;

    LabelStreamState {
        if (waitingFrames < 0 || fedFrames < 0) {
            throw new IllegalArgumentException("frame counts must be >= 0: fed " + fedFrames + ", waiting "
                    + waitingFrames);
        }
    }

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(VERSION).putLong(nextFrame).putDouble(originMs).putLong(fedFrames).putInt(waitingFrames);
        b.putLong(segmenter.nextFrame()).putInt(segmenter.currentLabel()).putLong(segmenter.segmentStart())
                .putDouble(segmenter.currentSum()).putInt(segmenter.candidateLabel())
                .putLong(segmenter.candidateStart()).putDouble(segmenter.candidateOwnSum())
                .putDouble(segmenter.candidateKeepSum());
        return b.array();
    }

    static LabelStreamState fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte version = bytes.length > 0 ? b.get() : 0;
        boolean v1 = version == 1 && bytes.length == V1_BYTES;
        if (!v1 && (version != VERSION || bytes.length != BYTES)) {
            throw new IllegalStateException("label stream state has an unknown version " + version + " or size "
                    + bytes.length);
        }
        long nextFrame = b.getLong();
        double originMs = b.getDouble();
        long fed = b.getLong();
        int waiting = v1 ? 0 : b.getInt();
        SegmenterState segmenter = new SegmenterState(b.getLong(), b.getInt(), b.getLong(), b.getDouble(), b.getInt(),
                b.getLong(), b.getDouble(), b.getDouble());
        return new LabelStreamState(nextFrame, originMs, fed, waiting, segmenter);
    }
}

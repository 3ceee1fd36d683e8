package io.tagstream.app.topology;

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

    /** A stream (or a reset context) whose first frame is {@code firstFrame}: nothing fed yet. */
    static LabelStreamState start(long firstFrame, double originMs) {
        return new LabelStreamState(firstFrame, originMs, 0, 0, SegmenterState.start(firstFrame));
    }

    /** Frames up to {@code nextFrame} came; {@code added} of them wait for the next forward. */
    LabelStreamState received(long nextFrame, int added) {
        return new LabelStreamState(nextFrame, originMs, fedFrames, waitingFrames + added, segmenter);
    }

    /** The waiting frames ({@code fed} of them) were fed; the segmenter moved on to {@code segments}. */
    LabelStreamState afterFeeding(int fed, SegmenterState segments) {
        return new LabelStreamState(nextFrame, originMs, fedFrames + fed, 0, segments);
    }

    /** A gap: the context goes on, segments start again at {@code frame}. */
    LabelStreamState segmentsFrom(long frame) {
        return new LabelStreamState(nextFrame, originMs, fedFrames, 0, SegmenterState.start(frame));
    }

    /** The waiting frames, from {@code firstWaiting} on, were dropped: the next chunk must start there. */
    LabelStreamState withoutWaiting(long firstWaiting) {
        return new LabelStreamState(firstWaiting, originMs, fedFrames, 0, segmenter);
    }

    /** Context-store time of a frame: its event time in ms; distinct per frame for hops of 1 ms or more. */
    long timestampOf(long frame, double hopMs) {
        return timestampOf(originMs, frame, hopMs);
    }

    /** Context-store time of frame {@code frame} of a stream whose frame 0 starts at {@code originMs}. */
    static long timestampOf(double originMs, long frame, double hopMs) {
        return Math.max(0, Math.round(originMs + frame * hopMs));
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

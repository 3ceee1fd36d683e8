package io.tagstream.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * Frames one unbounded PCM stream and extracts a feature vector per frame as soon as its window is complete.
 *
 * <p>Framing: frame {@code k} covers samples {@code [k * hop, k * hop + window)} of the stream, with no padding at the
 * start; a stream of N samples has {@link #frameCount(FeatureSpec, long)} frames. Chunks may have any size (0, 1 or
 * millions of samples) and the frames are the same, bit for bit, however the stream is cut into chunks, and the same
 * as {@link #extractAll(FrameFeatureExtractor, float[])} on the whole stream.
 *
 * <p>The only state besides the frame counter is the {@link #carry()}: the samples from the start of the next frame
 * to the end of what has arrived, always fewer than one window. Saving {@code nextFrame()} and {@code carry()} and
 * passing them to {@link #resume(FrameFeatureExtractor, long, float[])} continues the stream exactly (fail-over).
 * One instance belongs to one stream and is not thread-safe.
 */
public final class StreamingFeatureExtractor {

    private final FrameFeatureExtractor extractor;
    private final int window;
    private final int hop;
    private final float[] held;    // [window] samples of the stream from the next frame's start; first heldCount valid
    private final float[] scratch; // [window] the window being extracted
    private int heldCount;
    private long nextFrame;

    /** A new stream: the next frame is frame 0 and nothing is held. */
    public StreamingFeatureExtractor(FrameFeatureExtractor extractor) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.window = extractor.spec().windowSamples();
        this.hop = extractor.spec().hopSamples();
        this.held = new float[window];
        this.scratch = new float[window];
    }

    /**
     * Continues a stream from saved state.
     *
     * @param nextFrame index of the next frame to emit, from {@link #nextFrame()}
     * @param carry     samples held back, from {@link #carry()}; fewer than one window
     */
    public static StreamingFeatureExtractor resume(FrameFeatureExtractor extractor, long nextFrame, float[] carry) {
        StreamingFeatureExtractor stream = new StreamingFeatureExtractor(extractor);
        if (nextFrame < 0) {
            throw new IllegalArgumentException("next frame must be >= 0, got " + nextFrame);
        }
        if (carry.length >= stream.window) {
            throw new IllegalArgumentException("carry must hold fewer samples than the window (" + stream.window
                    + "), got " + carry.length);
        }
        System.arraycopy(carry, 0, stream.held, 0, carry.length);
        stream.heldCount = carry.length;
        stream.nextFrame = nextFrame;
        return stream;
    }

    /** Frames in a stream of {@code samples} samples: {@code samples < window ? 0 : (samples - window) / hop + 1}. */
    public static long frameCount(FeatureSpec spec, long samples) {
        return samples < spec.windowSamples() ? 0 : (samples - spec.windowSamples()) / spec.hopSamples() + 1;
    }

    /** The frames of a whole recording, [frameCount][dims]; the reference the streaming path must equal. */
    public static float[][] extractAll(FrameFeatureExtractor extractor, float[] pcm) {
        FeatureSpec spec = extractor.spec();
        float[][] frames = new float[(int) frameCount(spec, pcm.length)][]; // [frames][dims]
        for (int k = 0; k < frames.length; k++) {
            int start = k * spec.hopSamples();
            frames[k] = extractor.extract(Arrays.copyOfRange(pcm, start, start + spec.windowSamples()));
        }
        return frames;
    }

    /**
     * Appends the next chunk of the stream.
     *
     * @return the frames completed by this chunk, in order, [n][dims] (n may be 0)
     */
    public float[][] accept(float[] pcm) {
        long available = (long) heldCount + pcm.length;
        long count = available < window ? 0 : (available - window) / hop + 1;
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("chunk of " + pcm.length + " samples completes too many frames");
        }
        float[][] frames = new float[(int) count][]; // [n][dims]
        for (int f = 0; f < frames.length; f++) {
            fillScratch((long) f * hop, pcm);
            frames[f] = extractor.extract(scratch);
        }
        keepTail(count * hop, pcm);
        nextFrame += count;
        return frames;
    }

    /** Index of the next frame to be emitted (= frames emitted so far, counting from the start of the stream). */
    public long nextFrame() {
        return nextFrame;
    }

    /** A copy of the samples held back for the next frame(s): fewer than one window. */
    public float[] carry() {
        return Arrays.copyOf(held, heldCount);
    }

    /** Copies {@code window} samples of (held ++ pcm) starting at {@code start} into the scratch window. */
    private void fillScratch(long start, float[] pcm) {
        int fromHeld = (int) Math.max(0, Math.min(window, heldCount - start));
        if (fromHeld > 0) {
            System.arraycopy(held, (int) start, scratch, 0, fromHeld);
        }
        int pcmStart = (int) Math.max(0, start - heldCount);
        System.arraycopy(pcm, pcmStart, scratch, fromHeld, window - fromHeld);
    }

    /** Keeps (held ++ pcm) from {@code start} to the end as the new held samples (fewer than a window). */
    private void keepTail(long start, float[] pcm) {
        if (start < heldCount) {
            int keptHeld = heldCount - (int) start;
            System.arraycopy(held, (int) start, held, 0, keptHeld);
            System.arraycopy(pcm, 0, held, keptHeld, pcm.length);
            heldCount = keptHeld + pcm.length;
        } else {
            int pcmStart = (int) (start - heldCount);
            System.arraycopy(pcm, pcmStart, held, 0, pcm.length - pcmStart);
            heldCount = pcm.length - pcmStart;
        }
    }
}

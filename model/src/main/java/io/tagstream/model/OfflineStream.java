package io.tagstream.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The offline path over a recording that arrives in chunks, in bounded memory, with the probabilities that
 * {@link Encoder#probabilities(float[][])} gives for the whole recording, bit for bit.
 *
 * <p>Why bounded: with truncated attention, frame {@code t}'s output depends only on input frames
 * {@code [t - N*L, t + N*R]}. The offline pass computes each layer in blocks of {@code B = blockRows} queries, each
 * block from the rows {@code [a - L, b + R)} around it. So this class runs the same offline pass over windows of the
 * recording whose starts and ends fall on block boundaries (positions counted from the recording's start, which is
 * what rotary positions see): inside a window, every block at least {@code ceil(L / B)} blocks after the window's
 * start and {@code ceil(R / B)} blocks before its end reads exactly the rows it reads in the whole recording, so its
 * output is computed by the same operations on the same numbers. Each layer loses that many blocks at each edge of a
 * window, hence margins of {@code N * ceil(L / B) * B} frames before and {@code N * ceil(R / B) * B} after the
 * {@code step} frames a window emits (none at the recording's true start and end). A front end's output is exact
 * except within its left context {@code fL} of a window's start and its right context {@code fR} of its end, so it
 * adds {@code ceil(fL / B) * B} and {@code ceil(fR / B) * B} frames to the margins. Held: at most
 * {@code leftMargin + step + rightMargin} frames and the offline pass's {@code [window, d]} activations; the margins
 * cost {@code (leftMargin + rightMargin) / step} extra work (12.5 % for the default model).
 *
 * <p>Frames are emitted a step at a time, once the step's right margin has arrived, and the rest at {@link #flush()}.
 * One instance per recording, used by one thread at a time.
 */
public final class OfflineStream implements ProbabilityStream {

    /** Frames emitted per window unless chosen otherwise (rounded up to whole blocks): 82 s at a 10 ms hop. */
    static final int DEFAULT_STEP_FRAMES = 8_192;

    private final Encoder encoder;
    private final int step;        // frames emitted per window, whole blocks
    private final int leftMargin;  // frames before a window's emitted frames, whole blocks
    private final int rightMargin; // frames after them, whole blocks
    private final List<float[]> held = new ArrayList<>(); // frames [heldStart, heldStart + held.size())
    private long heldStart;
    private long nextEmitted;
    private boolean finished;

    OfflineStream(Encoder encoder, int stepFrames) {
        int block = encoder.options().blockRows();
        AttentionSpan span = encoder.options().span();
        int layers = encoder.config().layers();
        this.encoder = encoder;
        this.step = blocksOf(Math.max(1, stepFrames), block) * block;
        ConvFrontEnd front = encoder.frontEnd();
        this.leftMargin = (layers * blocksOf(span.left(), block) + blocksOf(front.left(), block)) * block;
        this.rightMargin = (layers * blocksOf(span.right(), block) + blocksOf(front.right(), block)) * block;
    }

    /**
     * Frames the stream holds at most: the window of one offline pass. Its memory is this many input frames plus
     * two {@code [frames, modelDims]} float arrays, whatever the recording's length.
     */
    public int windowFrames() {
        return leftMargin + step + rightMargin;
    }

    @Override
    public EmittedFrames accept(float[][] frames) {
        if (finished) {
            throw new IllegalStateException("offline stream was already flushed; start a new one");
        }
        encoder.checkFrames(frames, "chunk");
        long first = nextEmitted;
        List<float[]> out = new ArrayList<>();
        for (float[] frame : frames) {
            held.add(frame);
            if (heldStart + held.size() == nextEmitted + step + rightMargin) {
                emitWindow(nextEmitted + step, out);
            }
        }
        return new EmittedFrames(first, out.toArray(new float[0][]));
    }

    @Override
    public EmittedFrames flush() {
        if (finished) {
            throw new IllegalStateException("offline stream was already flushed");
        }
        finished = true;
        long first = nextEmitted;
        List<float[]> out = new ArrayList<>();
        long end = heldStart + held.size();
        if (nextEmitted < end) {
            emitWindow(end, out);
        }
        return new EmittedFrames(first, out.toArray(new float[0][]));
    }

    /** Runs the window that emits frames {@code [nextEmitted, until)}, then drops the frames no window needs. */
    private void emitWindow(long until, List<float[]> out) {
        long windowStart = Math.max(heldStart, nextEmitted - leftMargin);
        int from = (int) (windowStart - heldStart);
        float[][] window = held.subList(from, held.size()).toArray(new float[0][]);     // [window, inputDims]
        float[][] probabilities = encoder.probabilitiesAt(window, windowStart);       // [window, labels]
        int skip = (int) (nextEmitted - windowStart);
        out.addAll(Arrays.asList(probabilities).subList(skip, skip + (int) (until - nextEmitted)));
        nextEmitted = until;
        long keepFrom = Math.max(heldStart, nextEmitted - leftMargin);
        held.subList(0, (int) (keepFrom - heldStart)).clear();
        heldStart = keepFrom;
    }

    private static int blocksOf(int frames, int block) {
        return (frames + block - 1) / block;
    }
}

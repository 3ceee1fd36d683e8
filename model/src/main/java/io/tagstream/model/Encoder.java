package io.tagstream.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The truncated self-attention Transformer encoder, ready to run: immutable weights plus run-time options, shared by
 * every stream and safe to use from many threads (each thread gets its own working memory; each {@link StreamState}
 * must be used by one thread at a time).
 *
 * <ul>
 *   <li>Offline: {@link #probabilities(float[][])} labels a whole recording.</li>
 *   <li>Streaming: {@link #newStream()} then {@link StreamState#accept} chunks of any size and
 *       {@link StreamState#flush()}; {@link #acceptAll} advances many streams in one call (one GEMM per weight
 *       matrix for all of them). Streaming with any chunking gives the offline probabilities.</li>
 *   <li>Fail-over: {@link #rebuild} restores a stream's state exactly from its last {@link #contextFrames()}
 *       frames.</li>
 * </ul>
 * Frame {@code t} is emitted once frame {@code t + latencyFrames()} has arrived. An encoder configured with more
 * than one thread owns worker threads: {@link #close()} it when done (with one thread, closing does nothing).
 */
public final class Encoder implements AutoCloseable {

    private final EncoderWeights weights;
    private final InferenceOptions options;
    private final Gemm gemm;
    private final RotaryTable rotary;          // null unless rotary positions
    private final InputProjection input;
    private final ConvFrontEnd frontEnd;
    private final List<EncoderBlock> blocks;
    private final Classifier classifier;
    private final OfflinePass offline;
    private final StreamingPass streaming;
    private final ThreadLocal<Workspace> workspaces;
    private final WorkerPool pool;

    private Encoder(EncoderWeights weights, InferenceOptions options) {
        EncoderConfig config = weights.config();
        if (!options.span().fitsWithin(config.trainedSpan())) {
            throw new IllegalArgumentException("attention span " + options.span()
                    + " exceeds the span the model was trained with " + config.trainedSpan());
        }
        this.weights = weights;
        this.options = options;
        this.gemm = switch (options.gemm()) {
            case JAVA -> new JavaGemm();
            case ND4J -> new Nd4jGemm();
            case ND4J_ROW_INVARIANT -> RowInvariance.nd4j(RowInvariance.gemmShapes(weights));
            case ADAPTIVE -> AdaptiveGemm.javaThenNd4j();
        };
        this.rotary = config.positionEncoding() == PositionEncoding.ROTARY
                ? new RotaryTable(config.heads(), config.headDims()) : null;
        this.input = new InputProjection(weights);
        this.frontEnd = new ConvFrontEnd(weights);
        List<EncoderBlock> list = new ArrayList<>();
        for (BlockWeights block : weights.blocks()) {
            list.add(new EncoderBlock(config, options.span(), block));
        }
        this.blocks = List.copyOf(list);
        this.classifier = new Classifier(weights);
        this.offline = new OfflinePass(this);
        this.streaming = new StreamingPass(this);
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(config, options.span()));
        this.pool = new WorkerPool(options.threads());
    }

    /** An encoder with the trained span, default block size and adaptive GEMM. */
    public static Encoder create(EncoderWeights weights) {
        return new Encoder(weights, InferenceOptions.defaults(weights.config()));
    }

    /**
     * An encoder with the given run-time options.
     *
     * @throws IllegalArgumentException if the span exceeds the trained span
     */
    public static Encoder create(EncoderWeights weights, InferenceOptions options) {
        return new Encoder(weights, options);
    }

    /** The architecture. */
    public EncoderConfig config() {
        return weights.config();
    }

    /** The weights (shared, immutable). */
    public EncoderWeights weights() {
        return weights;
    }

    /** The run-time options. */
    public InferenceOptions options() {
        return options;
    }

    /**
     * Frames of delay between a frame's arrival and its emission: {@code N * R}, plus the front end's lookahead (the
     * sum of its layers' right contexts); for a model without blocks ({@code N = 0}) the front end's lookahead alone.
     */
    public int latencyFrames() {
        return frontEnd.right() + config().layers() * options.span().right();
    }

    /**
     * Frames a stream's state depends on, and that {@link #rebuild} needs: {@code N * (L + R)}, plus the front end's
     * receptive field (the sum of its layers' {@code kernelTime - 1}); for a model without blocks ({@code N = 0}) the
     * front end's receptive field alone.
     */
    public int contextFrames() {
        return frontEnd.left() + frontEnd.right()
                + config().layers() * (options.span().left() + options.span().right());
    }

    /**
     * Offline path: label probabilities {@code [T][labelCount]} of a whole recording {@code frames[T][inputDims]},
     * every frame attending to the frames of its span that exist.
     */
    public float[][] probabilities(float[][] frames) {
        checkFrames(frames, "recording");
        return offline.run(frames, 0, -1, null);
    }

    /**
     * Offline path over a recording fed in chunks: the same probabilities as {@link #probabilities(float[][])} on
     * the whole recording, bit for bit, in bounded memory (see {@link OfflineStream}).
     */
    public OfflineStream newOfflineStream() {
        return new OfflineStream(this, OfflineStream.DEFAULT_STEP_FRAMES);
    }

    /**
     * Offline path: the attention weights of {@code frame} in every layer, for {@code frames} as one recording (an
     * empty list for a model without blocks).
     */
    public List<LayerAttention> attention(float[][] frames, int frame) {
        checkFrames(frames, "recording");
        if (frame < 0 || frame >= frames.length) {
            throw new IllegalArgumentException("frame " + frame + " is outside the recording of " + frames.length
                    + " frames");
        }
        List<LayerAttention> probes = new ArrayList<>();
        offline.run(frames, 0, frame, probes);
        return Collections.unmodifiableList(probes);
    }

    /** A new stream, at frame 0. */
    public StreamState newStream() {
        return startingAt(0);
    }

    /**
     * The state a stream had after receiving frames {@code [0, firstFrameIndex + recentFrames.length)}, rebuilt from
     * its most recent frames. Exact: every layer computes only the frames whose whole context lies inside the given
     * frames, so each cache equals the uninterrupted run's (up to float rounding). No probability is emitted; the
     * rebuilt stream continues with frame {@code firstFrameIndex + recentFrames.length} and emits from
     * {@link StreamState#framesEmitted()}.
     *
     * @param recentFrames    the last frames received: at least {@link #contextFrames()} of them, or all of them
     *                        from frame 0 (extra older frames are ignored)
     * @param firstFrameIndex stream index of {@code recentFrames[0]}
     * @throws IllegalArgumentException if too few frames are given or a frame is malformed
     */
    public StreamState rebuild(float[][] recentFrames, long firstFrameIndex) {
        checkFrames(recentFrames, "rebuild frames");
        if (firstFrameIndex < 0) {
            throw new IllegalArgumentException("first frame index must be >= 0, got " + firstFrameIndex);
        }
        int needed = contextFrames();
        if (firstFrameIndex > 0 && recentFrames.length < needed) {
            String formula = frontEnd.layers().isEmpty() ? "N * (L + R)"
                    : config().layers() == 0 ? "the front end's receptive field, sum of kernelTime - 1"
                    : "N * (L + R) + the front end's " + (frontEnd.left() + frontEnd.right());
            throw new IllegalArgumentException("rebuilding mid-stream needs the last " + needed + " frames ("
                    + formula + "), got " + recentFrames.length + " frames from frame " + firstFrameIndex);
        }
        int skip = firstFrameIndex == 0 ? 0 : recentFrames.length - needed;
        StreamState state = startingAt(firstFrameIndex + skip);
        float[][] used = skip == 0 ? recentFrames : Arrays.copyOfRange(recentFrames, skip,
                recentFrames.length);
        streaming.advance(List.of(state), List.<float[][]>of(used), false, workspaces.get());
        return state;
    }

    /**
     * Advances several streams in one call: {@code chunks.get(i)} (any length, possibly 0) goes to
     * {@code streams.get(i)}; returns what each emitted, in the same order. Same results as one stream at a time.
     *
     * @throws IllegalArgumentException on mismatched lists, a stream of another encoder or listed twice, or a
     *                                  malformed frame (no stream is changed then)
     * @throws IllegalStateException    if a stream was flushed
     */
    public List<EmittedFrames> acceptAll(List<StreamState> streams, List<float[][]> chunks) {
        checkStreams(streams);
        if (chunks.size() != streams.size()) {
            throw new IllegalArgumentException(streams.size() + " streams but " + chunks.size() + " chunks");
        }
        for (int i = 0; i < chunks.size(); i++) {
            checkFrames(chunks.get(i), "chunk of stream " + i);
        }
        return advanceInGroups(streams, chunks, false);
    }

    /** Ends several streams at once (see {@link StreamState#flush()}). */
    public List<EmittedFrames> flushAll(List<StreamState> streams) {
        checkStreams(streams);
        List<float[][]> none = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            none.add(new float[0][]);
        }
        List<EmittedFrames> result = advanceInGroups(streams, none, true);
        for (StreamState stream : streams) {
            stream.markFinished();
        }
        return result;
    }

    /** Stops the worker threads, if any; the encoder must not be used afterwards. */
    @Override
    public void close() {
        pool.close();
    }

    /** The streams cut into one contiguous group per thread, each group advanced as one batch. */
    private List<EmittedFrames> advanceInGroups(List<StreamState> streams, List<float[][]> chunks, boolean flush) {
        int groups = Math.min(pool.threads(), streams.size());
        if (groups <= 1) {
            return streaming.advance(streams, chunks, flush, workspaces.get());
        }
        List<List<EmittedFrames>> parts = new ArrayList<>(Collections.nCopies(groups, List.of()));
        List<Runnable> tasks = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int from = streams.size() * g / groups;
            int to = streams.size() * (g + 1) / groups;
            int group = g;
            tasks.add(() -> parts.set(group, streaming.advance(streams.subList(from, to), chunks.subList(from, to),
                    flush, workspaces.get())));
        }
        pool.runAll(tasks);
        List<EmittedFrames> result = new ArrayList<>(streams.size());
        parts.forEach(result::addAll);
        return result;
    }

    /**
     * An empty state whose first frame will be {@code firstFrame}: each conv layer and attention layer starts where
     * its first input frame will be, so that mid-stream (rebuilding) each outputs only frames whose whole window is
     * held (see {@link ConvCache} and {@link LayerCache}).
     */
    private StreamState startingAt(long firstFrame) {
        ConvCache[] convs = new ConvCache[frontEnd.layers().size()];
        long start = firstFrame;
        for (int k = 0; k < convs.length; k++) {
            ConvLayer layer = frontEnd.layers().get(k);
            convs[k] = new ConvCache(layer, start);
            start = firstFrame == 0 ? 0 : start + layer.left();
        }
        AttentionSpan span = options.span();
        LayerCache[] layers = new LayerCache[config().layers()];
        for (int l = 0; l < layers.length; l++) {
            KeyValueBuffer kv = new KeyValueBuffer(config().modelDims(), span.width() + 16, maxBufferRows());
            layers[l] = new LayerCache(kv, rotary, span, config().heads(), start);
            start = firstFrame == 0 ? 0 : start + span.left();
        }
        return new StreamState(this, convs, layers);
    }

    /** Most rows a key/value buffer ever holds: kept context plus one step's new rows, with room to grow twice. */
    private int maxBufferRows() {
        return 2 * (options.span().width() + options.blockRows());
    }

    private void checkStreams(List<StreamState> streams) {
        Set<StreamState> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (StreamState stream : streams) {
            if (stream == null || stream.encoder() != this) {
                throw new IllegalArgumentException("stream state belongs to another encoder (or is null)");
            }
            if (!seen.add(stream)) {
                throw new IllegalArgumentException("the same stream state is listed twice");
            }
            if (stream.isFinished()) {
                throw new IllegalStateException("stream was already flushed; start a new one");
            }
        }
    }

    void checkFrames(float[][] frames, String what) {
        if (frames == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        int dims = config().inputDims();
        for (int f = 0; f < frames.length; f++) {
            float[] frame = frames[f];
            if (frame == null || frame.length != dims) {
                throw new IllegalArgumentException("frame " + f + " of the " + what + " has "
                        + (frame == null ? "no" : frame.length) + " values, expected " + dims);
            }
            for (int i = 0; i < dims; i++) {
                if (!Float.isFinite(frame[i])) {
                    throw new IllegalArgumentException("frame " + f + " of the " + what + " has a non-finite value "
                            + frame[i] + " at feature " + i);
                }
            }
        }
    }

    /** Offline path over frames that start at stream position {@code firstPosition} (checked by the caller). */
    float[][] probabilitiesAt(float[][] frames, long firstPosition) {
        return offline.run(frames, firstPosition, -1, null);
    }

    Gemm gemm() {
        return gemm;
    }

    /**
     * What runs the encoder's matrix products ({@link Gemm#name()}) and its other inner loops ({@link LaneKernels}),
     * as benches and logs name it.
     */
    public String engine() {
        return gemm.name() + "; lane kernels: " + LaneKernels.fastest().name();
    }

    WorkerPool pool() {
        return pool;
    }

    /** The calling thread's working memory. */
    Workspace workspace() {
        return workspaces.get();
    }

    /** The rotary positions, or null when the model uses a learned relative bias. */
    RotaryTable rotary() {
        return rotary;
    }

    InputProjection input() {
        return input;
    }

    ConvFrontEnd frontEnd() {
        return frontEnd;
    }

    List<EncoderBlock> blocks() {
        return blocks;
    }

    Classifier classifier() {
        return classifier;
    }
}

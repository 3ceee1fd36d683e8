package io.tagstream.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tagstream.labels.Segment;
import io.tagstream.labels.Segmenter;
import io.tagstream.labels.SegmenterState;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;
import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;
import io.tagstream.wire.SegmentRecord;
import io.tagstream.wire.WireFormatException;

/**
 * {@code tagstream.features} -> {@code tagstream.labels} and {@code tagstream.segments}. Per stream: drops duplicate
 * chunks, handles gaps by the {@link GapPolicy}, keeps the last {@link StreamLabeller#contextFrames()} frames in a
 * changelogged window store (the durable context), feeds the model session (an in-memory cache rebuilt from that store
 * after a restart), emits one label per frame and one segment per closed segment. End-of-stream markers and idle
 * streams flush the lookahead frames and close the open segment. Frames, labels and segments are also appended to
 * this instance's {@link RecentStreams}, the in-memory history the dashboard shows.
 *
 * <p>Model work is batched ({@link LabelBatching}): a record's frames are stored at once, in its transaction, and
 * counted as waiting in the stream's state; one batched forward then feeds every waiting frame of every stream of the
 * task, and the labels are emitted per stream in frame order. Waiting frames are durable: after a restart they are
 * read back from the window store and fed by the next forward, so a commit between a record and its forward loses
 * nothing. The app's GEMM sums every output element in a fixed order, so a frame's probabilities do not depend on the
 * batch it was in (labels stay byte-identical across batchings and fail-overs).
 */
final class LabelProcessor implements Processor<String, byte[], String, byte[]> {

    static final String LABELS_SINK = "labels-sink";
    static final String SEGMENTS_SINK = "segments-sink";
    private static final Logger LOG = LoggerFactory.getLogger(LabelProcessor.class);

    private final StreamLabeller labeller;
    private final Segmenter segmenter;
    private final GapPolicy gapPolicy;
    private final Duration idleTimeout;
    private final LabelBatching batching;
    private final PipelineMetrics metrics;
    private final RecentStreams recentStreams;
    private final DeadLetters deadLetters;
    private final String featuresTopic;
    private final long contextRetentionMs;
    private LatestLabels latest;
    private final Map<String, LiveStream> live = new HashMap<>();
    /** Streams with frames waiting for the next forward, in the order their first waiting frame came. */
    private final Set<String> waiting = new LinkedHashSet<>();
    private int waitingFrames;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> states;
    private WindowStore<String, byte[]> frames;

    LabelProcessor(StreamLabeller labeller, AppConfig config, PipelineMetrics metrics, RecentStreams recentStreams,
            DeadLetters deadLetters) {
        this.labeller = labeller;
        this.deadLetters = deadLetters;
        this.segmenter = new Segmenter(config.segmentPolicy());
        this.gapPolicy = config.gapPolicy();
        this.idleTimeout = config.idleTimeout();
        this.batching = config.batching();
        this.metrics = metrics;
        this.recentStreams = recentStreams;
        this.featuresTopic = config.topics().features();
        this.contextRetentionMs = TagstreamTopology.contextRetention(labeller).toMillis();
    }

    /**
     * Kafka Streams may close a processor and init it again later (a task moved away and back, a standby recycled
     * into an active task): whatever this instance holds in memory is then stale, as the stores may have moved on
     * under another instance. Everything per stream is rebuilt from the stores.
     */
    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        forgetSessions();
        this.context = context;
        this.states = context.getStateStore(TopologyNames.LABEL_STATE_STORE);
        this.frames = context.getStateStore(TopologyNames.CONTEXT_STORE);
        this.latest = new LatestLabels(context.getStateStore(TopologyNames.LATEST_STORE));
        Duration every = idleTimeout.compareTo(Duration.ofSeconds(1)) < 0 ? idleTimeout : Duration.ofSeconds(1);
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::closeIdleStreams);
        context.schedule(batching.maxWait(), PunctuationType.WALL_CLOCK_TIME, now -> forwardWaiting());
        adoptWaitingStreams();
    }

    /** Streams whose waiting frames were committed before this task last stopped: the next forward feeds them. */
    private void adoptWaitingStreams() {
        try (KeyValueIterator<String, byte[]> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                LabelStreamState state = LabelStreamState.fromBytes(entry.value);
                if (state.waitingFrames() > 0) {
                    LiveStream stream = liveStream(entry.key, state);
                    if (!stream.waitingRows.isEmpty() && waiting.add(entry.key)) {
                        waitingFrames += stream.waitingRows.size();
                    }
                }
            }
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (isOwnFeaturesComingBack(record)) {
            return;
        }
        FeatureChunk chunk;
        try {
            chunk = FeatureChunkCodec.decode(record.value());
        } catch (WireFormatException e) {
            deadLetter(record, "undecodable feature chunk: " + e.getMessage());
            return;
        }
        if (!chunk.streamId().equals(record.key())) {
            deadLetter(record, "record key '" + record.key() + "' is not the chunk's stream '" + chunk.streamId() + "'");
            return;
        }
        if (!chunk.spec().equals(labeller.featureSpec())) {
            deadLetter(record, "feature spec " + chunk.spec() + " does not match the model's " + labeller.featureSpec());
            return;
        }
        LabelStreamState state = stateOf(chunk);
        if (chunk.firstFrame() < state.nextFrame()) {
            metrics.duplicateDropped();
            return;
        }
        boolean gap = chunk.firstFrame() > state.nextFrame();
        if (gap && waiting.contains(chunk.streamId())) {
            forwardWaiting(); // the frames before the gap are labelled before the gap policy acts
            state = stateOf(chunk);
        }
        if (gap) {
            state = afterGap(chunk, state);
        }
        state = receive(record, chunk, state);
        states.put(chunk.streamId(), state.toBytes());
        if (chunk.endOfStream()) {
            forwardWaiting();
            finish(chunk.streamId());
        } else if (waitingFrames >= batching.maxFrames()) {
            forwardWaiting();
        }
    }

    /** A chunk this app's feature extraction wrote to the features topic: it was labelled when it was made. */
    private boolean isOwnFeaturesComingBack(Record<String, byte[]> record) {
        boolean fromFeaturesTopic = context.recordMetadata().map(m -> featuresTopic.equals(m.topic())).orElse(false);
        return fromFeaturesTopic && record.headers().lastHeader(TopologyNames.ORIGIN_HEADER) != null;
    }

    private LabelStreamState stateOf(FeatureChunk chunk) {
        byte[] stored = states.get(chunk.streamId());
        if (stored != null) {
            return LabelStreamState.fromBytes(stored);
        }
        double originMs = chunk.startTimeMs() - chunk.firstFrame() * chunk.spec().hopMillis();
        return new LabelStreamState(chunk.firstFrame(), originMs, 0, 0, SegmenterState.start(chunk.firstFrame()));
    }

    private LabelStreamState afterGap(FeatureChunk chunk, LabelStreamState state) {
        LOG.warn("stream {}: gap in features, expected frame {} got {} (policy {})", chunk.streamId(),
                state.nextFrame(), chunk.firstFrame(), gapPolicy);
        metrics.gap(PipelineMetrics.Stage.FEATURES);
        if (gapPolicy == GapPolicy.RESET) {
            finish(chunk.streamId());
            return new LabelStreamState(chunk.firstFrame(), state.originMs(), 0, 0,
                    SegmenterState.start(chunk.firstFrame()));
        }
        emitSegment(chunk.streamId(), segmenter.flush(state.segmenter()), state.originMs());
        return new LabelStreamState(state.nextFrame(), state.originMs(), state.fedFrames(), 0,
                SegmenterState.start(chunk.firstFrame()));
    }

    /** Stores the chunk's frames as context and adds them to the frames waiting for the task's next forward. */
    private LabelStreamState receive(Record<String, byte[]> record, FeatureChunk chunk, LabelStreamState state) {
        LiveStream stream = liveStream(chunk.streamId(), state);
        stream.lastInputWallMs = context.currentSystemTimeMs();
        if (!stream.waitingRows.isEmpty() && waiting.add(chunk.streamId())) {
            waitingFrames += stream.waitingRows.size(); // read back from the store by a rebuild
        }
        float[][] rows = new float[chunk.count()][]; // [n][dims]
        for (int i = 0; i < rows.length; i++) {
            rows[i] = chunk.frame(i);
            long index = chunk.firstFrame() + i;
            stream.waitingIndices.add(index);
            stream.waitingRows.add(rows[i]);
            remember(chunk.streamId(), stream, state.originMs(), new ContextFrame(index, rows[i]));
        }
        if (rows.length > 0) {
            stream.waitingChunks.add(new ReceivedChunk(record, context.recordMetadata().orElse(null)));
            waiting.add(chunk.streamId());
            waitingFrames += rows.length;
            recentStreams.framesFed(chunk.streamId(), chunk.firstFrame(), rows);
        }
        return new LabelStreamState(chunk.endFrame(), state.originMs(), state.fedFrames(),
                state.waitingFrames() + rows.length, state.segmenter());
    }

    /**
     * One batched forward over the waiting frames of every stream of this task, then each stream's labels and
     * segments in frame order. If the batched call throws, each stream is fed again on its own from a session
     * rebuilt from the store (the failed call may have half changed the sessions); a stream whose own call throws
     * has its waiting frames dead-lettered ({@link #reject}).
     */
    private void forwardWaiting() {
        if (waiting.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(waiting);
        waiting.clear();
        waitingFrames = 0;
        List<LiveStream> streams = new ArrayList<>(ids.size());
        List<StreamLabeller.Session> sessions = new ArrayList<>(ids.size());
        List<float[][]> inputs = new ArrayList<>(ids.size());
        int total = 0;
        for (String id : ids) {
            LiveStream stream = live.get(id);
            streams.add(stream);
            sessions.add(stream.session);
            inputs.add(stream.waitingFrames());
            total += stream.waitingRows.size();
        }
        List<float[][]> probabilities;
        try {
            probabilities = labeller.advance(sessions, inputs);
            metrics.modelBatch(total, ids.size());
        } catch (RuntimeException e) {
            LOG.warn("a batched forward over {} streams failed ({}); feeding each stream on its own", ids.size(),
                    e.toString());
            for (String id : ids) {
                forwardAlone(id);
            }
            return;
        }
        for (int s = 0; s < ids.size(); s++) {
            labelFed(ids.get(s), streams.get(s), probabilities.get(s));
        }
    }

    /** Feeds one stream's waiting frames on their own, from a session rebuilt from the store. */
    private void forwardAlone(String streamId) {
        LiveStream failed = live.remove(streamId);
        LabelStreamState state = LabelStreamState.fromBytes(states.get(streamId));
        LiveStream stream = liveStream(streamId, state);
        stream.waitingChunks.addAll(failed.waitingChunks); // the same frames, read back from the store
        stream.lastInputWallMs = failed.lastInputWallMs;
        float[][] probabilities;
        try {
            probabilities = labeller.advance(List.of(stream.session), List.<float[][]>of(stream.waitingFrames()))
                    .get(0);
            metrics.modelBatch(stream.waitingRows.size(), 1);
        } catch (RuntimeException e) {
            reject(streamId, stream, state, e);
            return;
        }
        labelFed(streamId, stream, probabilities);
    }

    /** The stream's waiting frames were fed: they now wait for lookahead; emits the labels that completed. */
    private void labelFed(String streamId, LiveStream stream, float[][] probabilities) {
        LabelStreamState state = LabelStreamState.fromBytes(states.get(streamId));
        int fed = stream.waitingRows.size();
        stream.pending.addAll(stream.waitingIndices);
        stream.clearWaiting();
        forgetBeyondContext(streamId, stream);
        SegmenterState segments = emitLabels(streamId, stream, probabilities, state);
        states.put(streamId, new LabelStreamState(state.nextFrame(), state.originMs(), state.fedFrames() + fed, 0,
                segments).toBytes());
    }

    /**
     * The model threw on a stream's waiting frames: they go to the dead-letter topic (each record they came in, or,
     * after a restart, one chunk rebuilt from the store), leave the context store, and the stream continues as if
     * they had never come: its next chunk follows a gap (counted, handled by the gap policy), its context as before
     * them. Other streams are not touched.
     */
    private void reject(String streamId, LiveStream stream, LabelStreamState state, RuntimeException e) {
        LOG.warn("stream {}: the model failed on {} frames from frame {}; they go to the dead-letter topic: {}",
                streamId, stream.waitingRows.size(), stream.waitingIndices.get(0), e.toString());
        String error = "model failed: " + e;
        if (stream.waitingChunks.isEmpty()) {
            FeatureChunk rebuilt = new FeatureChunk(streamId, stream.waitingIndices.get(0), labeller.featureSpec(),
                    timestampOf(state.originMs(), stream.waitingIndices.get(0)), stream.waitingRows.size(),
                    flatten(stream.waitingFrames()), false);
            deadLetters.send(context, new Record<>(streamId, FeatureChunkCodec.encode(rebuilt),
                    timestampOf(state.originMs(), rebuilt.firstFrame())), null, error);
        }
        for (ReceivedChunk chunk : stream.waitingChunks) {
            deadLetters.send(context, chunk.record(), chunk.source(), error);
        }
        for (int i = 0; i < stream.waitingRows.size(); i++) {
            frames.put(streamId, null, stream.stored.removeLast());
        }
        long firstWaiting = stream.waitingIndices.get(0);
        live.remove(streamId);
        states.put(streamId, new LabelStreamState(firstWaiting, state.originMs(), state.fedFrames(), 0,
                state.segmenter()).toBytes());
    }

    private float[] flatten(float[][] rows) {
        int dims = labeller.featureSpec().dims();
        float[] values = new float[rows.length * dims]; // [n * dims]
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, values, i * dims, dims);
        }
        return values;
    }

    private void remember(String streamId, LiveStream stream, double originMs, ContextFrame frame) {
        long timestamp = timestampOf(originMs, frame.index());
        frames.put(streamId, frame.toBytes(), timestamp);
        stream.stored.addLast(timestamp);
        forgetBeyondContext(streamId, stream);
    }

    /** Deletes the stored frames older than the context the model needs plus the frames still waiting. */
    private void forgetBeyondContext(String streamId, LiveStream stream) {
        while (stream.stored.size() > labeller.contextFrames() + stream.waitingRows.size()) {
            frames.put(streamId, null, stream.stored.removeFirst());
        }
    }

    /** Window-store time of a frame: its event time in ms; distinct per frame for hops of 1 ms or more. */
    private long timestampOf(double originMs, long frame) {
        return Math.max(0, Math.round(originMs + frame * labeller.featureSpec().hopMillis()));
    }

    /**
     * The live session of a stream, rebuilt from the window store if this instance has none (restart, rebalance):
     * the session from the fed frames of the stored context, and the waiting frames (stored, not yet fed) read back.
     */
    private LiveStream liveStream(String streamId, LabelStreamState state) {
        LiveStream stream = live.get(streamId);
        if (stream != null) {
            return stream;
        }
        long started = System.nanoTime();
        long storedFrames = state.fedFrames() + state.waitingFrames();
        List<KeyValue<Long, ContextFrame>> history = storedFrames == 0 ? List.of()
                : storedContext(streamId, timestampOf(state.originMs(), state.nextFrame() - 1));
        int waitingCount = Math.min(state.waitingFrames(), history.size());
        List<KeyValue<Long, ContextFrame>> fed = history.subList(0, history.size() - waitingCount);
        long needed = Math.min(state.fedFrames(), labeller.contextFrames());
        int usable = (int) Math.min(fed.size(), needed);
        if (usable < needed || waitingCount < state.waitingFrames()) {
            LOG.warn("stream {}: context store holds {} frames, {} fed and {} waiting needed; continuing with what is"
                    + " there", streamId, history.size(), needed, state.waitingFrames());
        }
        List<KeyValue<Long, ContextFrame>> recent = fed.subList(fed.size() - usable, fed.size());
        float[][] rows = new float[usable][]; // [usable][dims]
        for (int i = 0; i < usable; i++) {
            rows[i] = recent.get(i).value.features();
        }
        stream = new LiveStream(labeller.open(state.fedFrames() - usable, rows), context.currentSystemTimeMs());
        for (KeyValue<Long, ContextFrame> entry : history) {
            stream.stored.addLast(entry.key);
        }
        int lookahead = (int) Math.min(usable, Math.min(state.fedFrames(), labeller.lookaheadFrames()));
        for (KeyValue<Long, ContextFrame> entry : recent.subList(usable - lookahead, usable)) {
            stream.pending.addLast(entry.value.index());
        }
        List<KeyValue<Long, ContextFrame>> waitingPart = history.subList(history.size() - waitingCount,
                history.size());
        for (KeyValue<Long, ContextFrame> entry : waitingPart) {
            stream.waitingIndices.add(entry.value.index());
            stream.waitingRows.add(entry.value.features());
        }
        live.put(streamId, stream);
        recentStreams.opened(streamId, state.fedFrames() == usable, recent.stream().map(kv -> kv.value).toList());
        if (waitingCount > 0) {
            recentStreams.framesFed(streamId, stream.waitingIndices.get(0), stream.waitingFrames());
        }
        if (storedFrames > 0) {
            metrics.restoreSeconds((System.nanoTime() - started) / 1e9);
        }
        return stream;
    }

    /**
     * The stream's stored frames, oldest first: those within the store's retention before its last fed frame (at
     * {@code lastFedMs}). The time range is bounded on purpose: the caching window store visits every segment the
     * range spans, so a fetch over all time costs about a million segment lookups.
     */
    private List<KeyValue<Long, ContextFrame>> storedContext(String streamId, long lastFedMs) {
        List<KeyValue<Long, ContextFrame>> history = new ArrayList<>();
        long from = Math.max(0, lastFedMs - contextRetentionMs);
        try (WindowStoreIterator<byte[]> it = frames.fetch(streamId, from, lastFedMs)) {
            while (it.hasNext()) {
                KeyValue<Long, byte[]> entry = it.next();
                history.add(KeyValue.pair(entry.key, ContextFrame.fromBytes(entry.value)));
            }
        }
        return history;
    }

    private SegmenterState emitLabels(String streamId, LiveStream stream, float[][] probabilities,
            LabelStreamState state) {
        SegmenterState segments = state.segmenter();
        LabelRecord last = null;
        for (float[] p : probabilities) {
            long frame = stream.pending.removeFirst();
            if (frame != segments.nextFrame()) {
                emitSegment(streamId, segmenter.flush(segments), state.originMs());
                segments = SegmenterState.start(frame);
            }
            last = emitLabel(streamId, frame, p, state.originMs());
            Segmenter.Step step = segmenter.accept(segments, p);
            emitSegment(streamId, step.closed(), state.originMs());
            segments = step.state();
        }
        if (last != null) {
            latest.label(streamId, last); // the queryable view keeps only the newest label
        }
        metrics.framesLabelled(probabilities.length);
        return segments;
    }

    private LabelRecord emitLabel(String streamId, long frame, float[] probabilities, double originMs) {
        double hopMs = labeller.featureSpec().hopMillis();
        LabelRecord label = new LabelRecord(streamId, frame, Math.round(frame * hopMs), Math.round((frame + 1) * hopMs),
                labeller.labels().get(Segmenter.argmax(probabilities)), labeller.labels(), probabilities,
                labeller.modelId());
        long eventTime = timestampOf(originMs, frame);
        context.forward(new Record<>(streamId, LabelJson.encode(label), eventTime), LABELS_SINK);
        recentStreams.labelled(streamId, frame, probabilities);
        metrics.latencySeconds((context.currentSystemTimeMs() - (eventTime + hopMs)) / 1000.0);
        return label;
    }

    private void emitSegment(String streamId, Segment segment, double originMs) {
        if (segment == null) {
            return;
        }
        double hopMs = labeller.featureSpec().hopMillis();
        SegmentRecord record = new SegmentRecord(streamId, Math.round(segment.startFrame() * hopMs),
                Math.round(segment.endFrame() * hopMs), labeller.labels().get(segment.label()), segment.confidence());
        context.forward(new Record<>(streamId, LabelJson.encode(record), timestampOf(originMs, segment.startFrame())),
                SEGMENTS_SINK);
        latest.segment(streamId, record);
        recentStreams.segmentClosed(streamId, record);
    }

    /**
     * End of a stream: label its waiting frames and those waiting for lookahead, close the open segment, forget the
     * stream.
     */
    private void finish(String streamId) {
        if (waiting.contains(streamId)) {
            forwardWaiting();
        }
        byte[] stored = states.get(streamId);
        if (stored == null) {
            live.remove(streamId);
            return;
        }
        LabelStreamState state = LabelStreamState.fromBytes(stored);
        LiveStream stream = state.fedFrames() > 0 ? liveStream(streamId, state) : live.get(streamId);
        SegmenterState segments = state.segmenter();
        if (stream != null) {
            segments = emitLabels(streamId, stream, labeller.finish(stream.session), state);
            for (Long timestamp : stream.stored) {
                frames.put(streamId, null, timestamp);
            }
        }
        emitSegment(streamId, segmenter.flush(segments), state.originMs());
        live.remove(streamId);
        states.delete(streamId);
        latest.ended(streamId);
        recentStreams.ended(streamId);
    }

    private void closeIdleStreams(long nowMs) {
        List<String> idle = new ArrayList<>();
        live.forEach((streamId, stream) -> {
            if (nowMs - stream.lastInputWallMs >= idleTimeout.toMillis()) {
                idle.add(streamId);
            }
        });
        for (String streamId : idle) {
            LOG.info("stream {}: idle for {} ms, closing it", streamId, idleTimeout.toMillis());
            finish(streamId);
        }
    }

    /** The task closes (moved to another instance, or shutdown): its live streams leave this instance's history. */
    @Override
    public void close() {
        recentStreams.released(live.keySet());
        forgetSessions();
    }

    /** Drops the in-memory sessions and the batch: the stores are the truth, read again by the next rebuild. */
    private void forgetSessions() {
        live.clear();
        waiting.clear();
        waitingFrames = 0;
    }

    private void deadLetter(Record<String, byte[]> record, String error) {
        deadLetters.send(context, record, error);
    }
}

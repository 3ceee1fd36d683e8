package io.tagstream.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
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
 */
final class LabelProcessor implements Processor<String, byte[], String, byte[]> {

    static final String LABELS_SINK = "labels-sink";
    static final String SEGMENTS_SINK = "segments-sink";
    private static final Logger LOG = LoggerFactory.getLogger(LabelProcessor.class);

    private final StreamLabeller labeller;
    private final Segmenter segmenter;
    private final GapPolicy gapPolicy;
    private final Duration idleTimeout;
    private final PipelineMetrics metrics;
    private final RecentStreams recentStreams;
    private final String featuresTopic;
    private final long contextRetentionMs;
    private LatestLabels latest;
    private final Map<String, LiveStream> live = new HashMap<>();
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> states;
    private WindowStore<String, byte[]> frames;

    LabelProcessor(StreamLabeller labeller, AppConfig config, PipelineMetrics metrics, RecentStreams recentStreams) {
        this.labeller = labeller;
        this.segmenter = new Segmenter(config.segmentPolicy());
        this.gapPolicy = config.gapPolicy();
        this.idleTimeout = config.idleTimeout();
        this.metrics = metrics;
        this.recentStreams = recentStreams;
        this.featuresTopic = config.topics().features();
        this.contextRetentionMs = TagstreamTopology.contextRetention(labeller).toMillis();
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.states = context.getStateStore(TopologyNames.LABEL_STATE_STORE);
        this.frames = context.getStateStore(TopologyNames.CONTEXT_STORE);
        this.latest = new LatestLabels(context.getStateStore(TopologyNames.LATEST_STORE));
        Duration every = idleTimeout.compareTo(Duration.ofSeconds(1)) < 0 ? idleTimeout : Duration.ofSeconds(1);
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::closeIdleStreams);
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
        if (chunk.firstFrame() > state.nextFrame()) {
            state = afterGap(chunk, state);
        }
        state = feed(chunk, state);
        if (chunk.endOfStream()) {
            finish(chunk.streamId(), state);
        } else {
            states.put(chunk.streamId(), state.toBytes());
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
        return new LabelStreamState(chunk.firstFrame(), originMs, 0, SegmenterState.start(chunk.firstFrame()));
    }

    private LabelStreamState afterGap(FeatureChunk chunk, LabelStreamState state) {
        LOG.warn("stream {}: gap in features, expected frame {} got {} (policy {})", chunk.streamId(),
                state.nextFrame(), chunk.firstFrame(), gapPolicy);
        metrics.gap(PipelineMetrics.Stage.FEATURES);
        if (gapPolicy == GapPolicy.RESET) {
            finish(chunk.streamId(), state);
            return new LabelStreamState(chunk.firstFrame(), state.originMs(), 0, SegmenterState.start(chunk.firstFrame()));
        }
        emitSegment(chunk.streamId(), segmenter.flush(state.segmenter()), state.originMs());
        return new LabelStreamState(state.nextFrame(), state.originMs(), state.fedFrames(),
                SegmenterState.start(chunk.firstFrame()));
    }

    /**
     * Runs the model on the chunk's frames, then stores them as context and emits what is complete. If the model
     * throws, nothing of the chunk is stored and the stream's live session (which the failed call may have half
     * changed) is dropped, to be rebuilt from the store by the next chunk; the exception goes on to the processing
     * exception handler, which sends the record to the dead-letter topic.
     */
    private LabelStreamState feed(FeatureChunk chunk, LabelStreamState state) {
        LiveStream stream = liveStream(chunk.streamId(), state);
        stream.lastInputWallMs = context.currentSystemTimeMs();
        float[][] rows = new float[chunk.count()][]; // [n][dims]
        for (int i = 0; i < rows.length; i++) {
            rows[i] = chunk.frame(i);
        }
        float[][] probabilities; // [m][labels]
        try {
            probabilities = labeller.advance(List.of(stream.session), List.<float[][]>of(rows)).get(0);
        } catch (RuntimeException e) {
            live.remove(chunk.streamId());
            metrics.deadLetter(); // the processing exception handler writes the dead letter
            throw e;
        }
        for (int i = 0; i < rows.length; i++) {
            long index = chunk.firstFrame() + i;
            remember(chunk.streamId(), stream, state.originMs(), new ContextFrame(index, rows[i]));
            stream.pending.addLast(index);
        }
        recentStreams.framesFed(chunk.streamId(), chunk.firstFrame(), rows);
        SegmenterState segments = emitLabels(chunk.streamId(), stream, probabilities, state);
        return new LabelStreamState(chunk.endFrame(), state.originMs(), state.fedFrames() + rows.length, segments);
    }

    private void remember(String streamId, LiveStream stream, double originMs, ContextFrame frame) {
        long timestamp = timestampOf(originMs, frame.index());
        frames.put(streamId, frame.toBytes(), timestamp);
        stream.stored.addLast(timestamp);
        while (stream.stored.size() > labeller.contextFrames()) {
            frames.put(streamId, null, stream.stored.removeFirst());
        }
    }

    /** Window-store time of a frame: its event time in ms; distinct per frame for hops of 1 ms or more. */
    private long timestampOf(double originMs, long frame) {
        return Math.max(0, Math.round(originMs + frame * labeller.featureSpec().hopMillis()));
    }

    /** The live session of a stream, rebuilt from the window store if this instance has none (restart, rebalance). */
    private LiveStream liveStream(String streamId, LabelStreamState state) {
        LiveStream stream = live.get(streamId);
        if (stream != null) {
            return stream;
        }
        long started = System.nanoTime();
        List<KeyValue<Long, ContextFrame>> history = state.fedFrames() == 0 ? List.of()
                : storedContext(streamId, timestampOf(state.originMs(), state.nextFrame() - 1));
        int usable = (int) Math.min(history.size(), Math.min(state.fedFrames(), labeller.contextFrames()));
        if (usable < Math.min(state.fedFrames(), labeller.contextFrames())) {
            LOG.warn("stream {}: context store holds {} frames, {} needed; continuing with what is there", streamId,
                    history.size(), Math.min(state.fedFrames(), labeller.contextFrames()));
        }
        List<KeyValue<Long, ContextFrame>> recent = history.subList(history.size() - usable, history.size());
        float[][] rows = new float[usable][]; // [usable][dims]
        for (int i = 0; i < usable; i++) {
            rows[i] = recent.get(i).value.features();
        }
        stream = new LiveStream(labeller.open(state.fedFrames() - usable, rows), context.currentSystemTimeMs());
        for (KeyValue<Long, ContextFrame> entry : history) {
            stream.stored.addLast(entry.key);
        }
        int waiting = (int) Math.min(usable, Math.min(state.fedFrames(), labeller.lookaheadFrames()));
        for (KeyValue<Long, ContextFrame> entry : recent.subList(usable - waiting, usable)) {
            stream.pending.addLast(entry.value.index());
        }
        live.put(streamId, stream);
        recentStreams.opened(streamId, state.fedFrames() == usable, recent.stream().map(kv -> kv.value).toList());
        if (state.fedFrames() > 0) {
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

    /** End of a stream: label the frames waiting for lookahead, close the open segment, forget the stream. */
    private void finish(String streamId, LabelStreamState state) {
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
            byte[] stored = states.get(streamId);
            LOG.info("stream {}: idle for {} ms, closing it", streamId, idleTimeout.toMillis());
            if (stored != null) {
                finish(streamId, LabelStreamState.fromBytes(stored));
            } else {
                live.remove(streamId);
            }
        }
    }

    /** The task closes (moved to another instance, or shutdown): its live streams leave this instance's history. */
    @Override
    public void close() {
        recentStreams.released(live.keySet());
    }

    private void deadLetter(Record<String, byte[]> record, String error) {
        metrics.deadLetter();
        DeadLetters.send(context, record, error);
    }
}

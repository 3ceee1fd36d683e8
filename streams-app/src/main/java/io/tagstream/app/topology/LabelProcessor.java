package io.tagstream.app.topology;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.config.GapPolicy;
import io.tagstream.app.config.LabelBatching;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.app.metrics.PipelineMetrics.TimedStage;
import io.tagstream.labels.Segmenter;
import io.tagstream.labels.SegmenterState;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tagstream.features} -> {@code tagstream.labels} and {@code tagstream.segments}. A record passes the
 * {@link InputGate}; duplicate chunks are dropped and gaps handled by the {@link GapPolicy}; the chunk's frames go to
 * the stream's {@link StreamSession} (stored in the changelogged context store at once, in the record's
 * transaction) and wait in the task's {@link ModelBatch}; a batched forward labels them, and the
 * {@link LabelEmitter} sends a label per frame and a segment per closed segment. End-of-stream markers and idle
 * streams flush the lookahead frames and close the open segment.
 *
 * <p>Waiting frames are durable: after a restart they are read back from the context store and fed by the next
 * forward, so a commit between a record and its forward loses nothing.
 */
final class LabelProcessor implements Processor<String, byte[], String, byte[]> {

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
    private final InputGate<FeatureChunk> gate;
    private final LiveCommits liveCommits;
    private final long catchUpWaitMs;
    private final IntakePace pace;
    private long inputEpoch = -1; // this thread's LiveCommits epoch when the task last took input
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, LabelStreamState> states;
    private StreamSessions sessions;
    private ModelBatch batch;
    private LabelEmitter emitter;

    LabelProcessor(StreamLabeller labeller, AppConfig config, PipelineMetrics metrics, RecentStreams recentStreams,
            DeadLetters deadLetters, LiveCommits liveCommits) {
        this.labeller = labeller;
        this.liveCommits = liveCommits;
        this.catchUpWaitMs = config.streamsCommitInterval().toMillis();
        this.pace = new IntakePace(labeller.featureSpec().hopMillis());
        this.deadLetters = deadLetters;
        this.segmenter = new Segmenter(config.segmentPolicy());
        this.gapPolicy = config.gapPolicy();
        this.idleTimeout = config.idleTimeout();
        this.batching = config.batching();
        this.metrics = metrics;
        this.recentStreams = recentStreams;
        this.featuresTopic = config.topics().features();
        this.contextRetentionMs = TagstreamTopology.contextRetention(labeller).toMillis();
        this.gate = new InputGate<>("feature chunk", FeatureChunkCodec::decode, FeatureChunk::streamId,
                chunk -> chunk.spec().equals(labeller.featureSpec()) ? null : "feature spec " + chunk.spec()
                        + " does not match the model's " + labeller.featureSpec(),
                deadLetters, metrics);
    }

    /**
     * Kafka Streams may close a processor and init it again later (a task moved away and back, a standby recycled
     * into an active task): whatever this instance held in memory is then stale, as the stores may have moved on
     * under another instance. Everything per stream is rebuilt from the stores.
     */
    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.states = context.getStateStore(TopologyNames.LABEL_STATE_STORE);
        this.sessions = new StreamSessions(context, labeller, context.getStateStore(TopologyNames.CONTEXT_STORE),
                contextRetentionMs, recentStreams, metrics);
        this.emitter = new LabelEmitter(context, labeller, segmenter,
                new LatestLabels(context.getStateStore(TopologyNames.LATEST_STORE)), recentStreams, metrics);
        this.batch = new ModelBatch(context, labeller, sessions, states, emitter, deadLetters, metrics,
                batching.maxFrames());
        Duration every = idleTimeout.compareTo(Duration.ofSeconds(1)) < 0 ? idleTimeout : Duration.ofSeconds(1);
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::closeIdleStreams);
        context.schedule(batching.maxWait(), PunctuationType.WALL_CLOCK_TIME, this::batchTimer);
        batch.adoptWaitingStreams();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        inputEpoch = liveCommits.inputTaken(context.currentSystemTimeMs());
        FeatureChunk chunk = isOwnFeaturesComingBack(record) ? null : gate.admit(context, record);
        if (chunk == null) {
            return;
        }
        LabelStreamState state = stateOf(chunk);
        if (chunk.firstFrame() < state.nextFrame()) {
            metrics.duplicateDropped();
            return;
        }
        if (chunk.firstFrame() > state.nextFrame()) {
            if (batch.holds(chunk.streamId())) {
                batch.forward(); // the frames before the gap are labelled before the gap policy acts
                state = stateOf(chunk);
            }
            state = afterGap(chunk, state);
        }
        state = receive(record, chunk, state);
        states.put(chunk.streamId(), state);
        if (chunk.endOfStream()) {
            batch.forward();
            finish(chunk.streamId());
        } else if (batch.full()) {
            batch.forward();
        }
    }

    /**
     * Every {@code label.batch.max.wait.ms}: a live task forwards what waits and asks for its commit
     * ({@link LiveCommits}); a task catching up ({@link IntakePace}) forwards full batches from {@link #process} and
     * here only what has waited a commit interval, and leaves its commits to Kafka Streams' interval.
     */
    private void batchTimer(long nowMs) {
        boolean catchingUp = pace.catchingUp(nowMs);
        if (!catchingUp || batch.waitedMs(nowMs) >= catchUpWaitMs) {
            batch.forward();
        }
        if (!catchingUp) {
            liveCommits.maybeRequest(context, nowMs, inputEpoch);
        }
    }

    /** A chunk this app's feature extraction wrote to the features topic: it was labelled when it was made. */
    private boolean isOwnFeaturesComingBack(Record<String, byte[]> record) {
        boolean fromFeaturesTopic = context.recordMetadata().map(m -> featuresTopic.equals(m.topic())).orElse(false);
        return fromFeaturesTopic && record.headers().lastHeader(TopologyNames.ORIGIN_HEADER) != null;
    }

    private LabelStreamState stateOf(FeatureChunk chunk) {
        LabelStreamState stored = states.get(chunk.streamId());
        return stored != null ? stored : LabelStreamState.start(chunk.firstFrame(),
                chunk.startTimeMs() - chunk.firstFrame() * chunk.spec().hopMillis());
    }

    private LabelStreamState afterGap(FeatureChunk chunk, LabelStreamState state) {
        LOG.warn("stream {}: gap in features, expected frame {} got {} (policy {})", chunk.streamId(),
                state.nextFrame(), chunk.firstFrame(), gapPolicy);
        metrics.gap(PipelineMetrics.Stage.FEATURES);
        if (gapPolicy == GapPolicy.RESET) {
            finish(chunk.streamId());
            return LabelStreamState.start(chunk.firstFrame(), state.originMs());
        }
        emitter.segment(chunk.streamId(), segmenter.flush(state.segmenter()), state);
        return state.segmentsFrom(chunk.firstFrame());
    }

    /** Stores the chunk's frames as context; they wait for the task's next forward. */
    private LabelStreamState receive(Record<String, byte[]> record, FeatureChunk chunk, LabelStreamState state) {
        long start = System.nanoTime();
        StreamSession session = sessions.of(chunk.streamId(), state);
        long nowMs = context.currentSystemTimeMs();
        session.touched(nowMs);
        float[][] rows = session.store(chunk); // [n][dims]
        metrics.timed(TimedStage.CONTEXT_STORE, start);
        if (rows.length > 0) {
            pace.received(chunk.streamId(), rows.length, nowMs);
            session.receivedIn(new ReceivedChunk(record, context.recordMetadata().orElse(null)));
            recentStreams.framesFed(chunk.streamId(), chunk.firstFrame(), rows);
        }
        batch.add(chunk.streamId(), session, rows.length);
        return state.received(chunk.endFrame(), rows.length);
    }

    /** End of a stream: labels its waiting and lookahead frames, closes the open segment, forgets the stream. */
    private void finish(String streamId) {
        if (batch.holds(streamId)) {
            batch.forward();
        }
        LabelStreamState state = states.get(streamId);
        if (state == null) {
            sessions.remove(streamId);
            return;
        }
        StreamSession session = state.fedFrames() > 0 ? sessions.of(streamId, state) : sessions.get(streamId);
        SegmenterState segments = state.segmenter();
        if (session != null) {
            segments = emitter.labels(streamId, session, labeller.finish(session.model()), state);
            session.dropStored();
        }
        emitter.segment(streamId, segmenter.flush(segments), state);
        sessions.remove(streamId);
        states.delete(streamId);
        emitter.ended(streamId);
    }

    private void closeIdleStreams(long nowMs) {
        for (String streamId : sessions.idleAt(nowMs, idleTimeout.toMillis())) {
            LOG.info("stream {}: idle for {} ms, closing it", streamId, idleTimeout.toMillis());
            finish(streamId);
        }
    }

    /** The task closes (moved to another instance, or shutdown): its live streams leave this instance's history. */
    @Override
    public void close() {
        if (sessions != null) {
            recentStreams.released(sessions.streamIds());
        }
    }
}

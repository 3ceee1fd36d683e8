package io.tagstream.app.topology;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tagstream.app.config.LabelBatching;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.app.metrics.PipelineMetrics.TimedStage;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;

/**
 * The frames of a task waiting for the model, and the model call that feeds them ({@link LabelBatching}): one
 * batched forward over the waiting frames of every stream of the task, then each stream's labels and segments in
 * frame order. The app's GEMM sums every output element in a fixed order, so a frame's probabilities do not depend on
 * the batch it was in (labels stay byte-identical across batchings and fail-overs).
 *
 * <p>If the batched call throws, each stream is fed again on its own from a session rebuilt from the store (the
 * failed call may have half changed the sessions). A stream whose own call throws has its waiting frames
 * dead-lettered ({@link #reject}); other streams are not touched.
 */
final class ModelBatch {

    private static final Logger LOG = LoggerFactory.getLogger(ModelBatch.class);

    private final ProcessorContext<String, byte[]> context;
    private final StreamLabeller labeller;
    private final StreamSessions sessions;
    private final KeyValueStore<String, LabelStreamState> states;
    private final LabelEmitter emitter;
    private final DeadLetters deadLetters;
    private final PipelineMetrics metrics;
    private final int maxFrames;
    /** Streams with frames waiting for the next forward, in the order their first waiting frame came. */
    private final Set<String> waiting = new LinkedHashSet<>();
    private int waitingFrames;
    private long firstWaitingAtMs; // wall clock, while frames wait

    ModelBatch(ProcessorContext<String, byte[]> context, StreamLabeller labeller, StreamSessions sessions,
            KeyValueStore<String, LabelStreamState> states, LabelEmitter emitter, DeadLetters deadLetters,
            PipelineMetrics metrics, int maxFrames) {
        this.context = context;
        this.labeller = labeller;
        this.sessions = sessions;
        this.states = states;
        this.emitter = emitter;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.maxFrames = maxFrames;
    }

    /** Streams whose waiting frames were committed before this task last stopped join the batch. */
    void adoptWaitingStreams() {
        try (KeyValueIterator<String, LabelStreamState> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, LabelStreamState> entry = all.next();
                if (entry.value.waitingFrames() > 0) {
                    add(entry.key, sessions.of(entry.key, entry.value), 0);
                }
            }
        }
    }

    /** The session's waiting frames join the batch; {@code added} of them were stored just now. */
    void add(String streamId, StreamSession session, int added) {
        if (waiting.contains(streamId)) {
            waitingFrames += added;
        } else if (session.waitingCount() > 0) {
            if (waiting.isEmpty()) {
                firstWaitingAtMs = context.currentSystemTimeMs();
            }
            waiting.add(streamId);
            waitingFrames += session.waitingCount(); // with those read back from the store by a rebuild
        }
    }

    boolean holds(String streamId) {
        return waiting.contains(streamId);
    }

    /** How long the oldest waiting frame has waited at {@code nowMs}; 0 if none waits. */
    long waitedMs(long nowMs) {
        return waiting.isEmpty() ? 0 : nowMs - firstWaitingAtMs;
    }

    /** Whether the batch has reached its most frames: time to forward. */
    boolean full() {
        return waitingFrames >= maxFrames;
    }

    /** Feeds every waiting frame and emits the labels that completed. */
    void forward() {
        if (waiting.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(waiting);
        waiting.clear();
        waitingFrames = 0;
        List<StreamSession> streams = new ArrayList<>(ids.size());
        List<StreamLabeller.Session> models = new ArrayList<>(ids.size());
        List<float[][]> inputs = new ArrayList<>(ids.size());
        int total = 0;
        for (String id : ids) {
            StreamSession session = sessions.get(id);
            streams.add(session);
            models.add(session.model());
            inputs.add(session.waitingFrames());
            total += session.waitingCount();
        }
        List<float[][]> probabilities;
        long start = System.nanoTime();
        try {
            probabilities = labeller.advance(models, inputs);
            start = metrics.timed(TimedStage.MODEL, start);
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
        metrics.timed(TimedStage.PRODUCE, start);
    }

    /** Feeds one stream's waiting frames on their own, from a session rebuilt from the store. */
    private void forwardAlone(String streamId) {
        StreamSession failed = sessions.remove(streamId);
        LabelStreamState state = states.get(streamId);
        StreamSession session = sessions.of(streamId, state);
        session.takeOver(failed); // the same frames, read back from the store
        float[][] probabilities;
        long start = System.nanoTime();
        try {
            probabilities = labeller.advance(List.of(session.model()), List.<float[][]>of(session.waitingFrames()))
                    .get(0);
            start = metrics.timed(TimedStage.MODEL, start);
            metrics.modelBatch(session.waitingCount(), 1);
        } catch (RuntimeException e) {
            reject(streamId, session, state, e);
            return;
        }
        labelFed(streamId, session, probabilities);
        metrics.timed(TimedStage.PRODUCE, start);
    }

    /** The stream's waiting frames were fed: they now wait for lookahead; emits the labels that completed. */
    private void labelFed(String streamId, StreamSession session, float[][] probabilities) {
        LabelStreamState state = states.get(streamId);
        int fed = session.fed();
        states.put(streamId, state.afterFeeding(fed, emitter.labels(streamId, session, probabilities, state)));
    }

    /**
     * The model threw on a stream's waiting frames: they go to the dead-letter topic (each record they came in, or,
     * after a restart, one chunk rebuilt from the store), leave the context store, and the stream continues as if
     * they had never come: its next chunk follows a gap (counted, handled by the gap policy), its context as before
     * them.
     */
    private void reject(String streamId, StreamSession session, LabelStreamState state, RuntimeException e) {
        long firstWaiting = session.firstWaiting();
        LOG.warn("stream {}: the model failed on {} frames from frame {}; they go to the dead-letter topic: {}",
                streamId, session.waitingCount(), firstWaiting, e.toString());
        String error = "model failed: " + e;
        if (session.waitingChunks().isEmpty()) {
            long timestamp = state.timestampOf(firstWaiting, labeller.featureSpec().hopMillis());
            FeatureChunk rebuilt = FeatureChunk.ofRows(streamId, firstWaiting, labeller.featureSpec(), timestamp,
                    session.waitingFrames(), false);
            deadLetters.send(context, new Record<>(streamId, FeatureChunkCodec.encode(rebuilt), timestamp), null,
                    error);
        }
        for (ReceivedChunk chunk : session.waitingChunks()) {
            deadLetters.send(context, chunk.record(), chunk.source(), error);
        }
        session.dropWaiting();
        sessions.remove(streamId);
        states.put(streamId, state.withoutWaiting(firstWaiting));
    }
}

package io.tagstream.app.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.WindowStore;

import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.metrics.PipelineMetrics;

/**
 * The sessions of the streams one task labels, by stream id. A stream's session is made on its first use after the
 * task (re)started, rebuilt from the context store (the stores are the truth; sessions are caches of them).
 */
final class StreamSessions {

    private final Map<String, StreamSession> live = new HashMap<>();
    private final ProcessorContext<String, byte[]> context;
    private final StreamLabeller labeller;
    private final WindowStore<String, ContextChunk> frames;
    private final long retentionMs;
    private final RecentStreams recentStreams;
    private final PipelineMetrics metrics;

    StreamSessions(ProcessorContext<String, byte[]> context, StreamLabeller labeller,
            WindowStore<String, ContextChunk> frames, long retentionMs, RecentStreams recentStreams,
            PipelineMetrics metrics) {
        this.context = context;
        this.labeller = labeller;
        this.frames = frames;
        this.retentionMs = retentionMs;
        this.recentStreams = recentStreams;
        this.metrics = metrics;
    }

    /** The stream's session; rebuilt from the context store if this task has none (restart, rebalance, new stream). */
    StreamSession of(String streamId, LabelStreamState state) {
        StreamSession session = live.get(streamId);
        if (session != null) {
            return session;
        }
        long started = System.nanoTime();
        session = StreamSession.rebuild(streamId, state, labeller, frames, retentionMs, context.currentSystemTimeMs());
        live.put(streamId, session);
        recentStreams.opened(streamId, session.contextFromStart(), session.restoredContext());
        if (session.waitingCount() > 0) {
            recentStreams.framesFed(streamId, session.firstWaiting(), session.waitingFrames());
        }
        if (state.fedFrames() + state.waitingFrames() > 0) {
            metrics.restoreSeconds((System.nanoTime() - started) / 1e9);
        }
        return session;
    }

    /** The stream's session, or {@code null} if it has none now. */
    StreamSession get(String streamId) {
        return live.get(streamId);
    }

    /** Forgets the stream's session (the next use rebuilds it); returns it, or {@code null}. */
    StreamSession remove(String streamId) {
        return live.remove(streamId);
    }

    /** The streams without input for {@code timeoutMs} at {@code nowMs} (wall clock). */
    List<String> idleAt(long nowMs, long timeoutMs) {
        List<String> idle = new ArrayList<>();
        live.forEach((streamId, session) -> {
            if (session.idleAt(nowMs, timeoutMs)) {
                idle.add(streamId);
            }
        });
        return idle;
    }

    Set<String> streamIds() {
        return live.keySet();
    }
}

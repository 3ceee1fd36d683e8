package io.tagstream.app.topology;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.labels.Segment;
import io.tagstream.labels.Segmenter;
import io.tagstream.labels.SegmenterState;
import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;
import io.tagstream.wire.SegmentRecord;

/**
 * Where the label processor's results go: one label record per frame to {@code tagstream.labels}, one segment record
 * per closed segment to {@code tagstream.segments}, the newest of each to the queryable view ({@link LatestLabels}),
 * and all of them to this instance's {@link RecentStreams} (the dashboard) and metrics.
 */
final class LabelEmitter {

    private final ProcessorContext<String, byte[]> context;
    private final StreamLabeller labeller;
    private final Segmenter segmenter;
    private final LatestLabels latest;
    private final RecentStreams recentStreams;
    private final PipelineMetrics metrics;

    LabelEmitter(ProcessorContext<String, byte[]> context, StreamLabeller labeller, Segmenter segmenter,
            LatestLabels latest, RecentStreams recentStreams, PipelineMetrics metrics) {
        this.context = context;
        this.labeller = labeller;
        this.segmenter = segmenter;
        this.latest = latest;
        this.recentStreams = recentStreams;
        this.metrics = metrics;
    }

    /**
     * The model's outputs for the session's next frames awaiting labels: a label each, and the segments they close.
     * Returns the segmenter's state after them.
     */
    SegmenterState labels(String streamId, StreamSession session, float[][] probabilities, LabelStreamState state) {
        SegmenterState segments = state.segmenter();
        byte[] last = null;
        for (float[] p : probabilities) {
            long frame = session.nextLabelled();
            if (frame != segments.nextFrame()) {
                segment(streamId, segmenter.flush(segments), state);
                segments = SegmenterState.start(frame);
            }
            last = label(streamId, frame, p, state);
            Segmenter.Step step = segmenter.accept(segments, p);
            segment(streamId, step.closed(), state);
            segments = step.state();
        }
        if (last != null) {
            latest.label(streamId, last); // the queryable view keeps only the newest label
        }
        metrics.framesLabelled(probabilities.length);
        return segments;
    }

    /** A closed segment ({@code null}: none closed). */
    void segment(String streamId, Segment segment, LabelStreamState state) {
        if (segment == null) {
            return;
        }
        double hopMs = labeller.featureSpec().hopMillis();
        SegmentRecord record = new SegmentRecord(streamId, Math.round(segment.startFrame() * hopMs),
                Math.round(segment.endFrame() * hopMs), labeller.labels().get(segment.label()), segment.confidence());
        context.forward(new Record<>(streamId, LabelJson.encode(record),
                state.timestampOf(segment.startFrame(), hopMs)), TopologyNames.SEGMENTS_SINK);
        latest.segment(streamId, record);
        recentStreams.segmentClosed(streamId, record);
    }

    /** The stream ended: the queryable view and the dashboard say so. */
    void ended(String streamId) {
        latest.ended(streamId);
        recentStreams.ended(streamId);
    }

    /** Sends frame {@code frame}'s label record; returns its JSON. */
    private byte[] label(String streamId, long frame, float[] probabilities, LabelStreamState state) {
        double hopMs = labeller.featureSpec().hopMillis();
        LabelRecord label = new LabelRecord(streamId, frame, Math.round(frame * hopMs), Math.round((frame + 1) * hopMs),
                labeller.labels().get(Segmenter.argmax(probabilities)), labeller.labels(), probabilities,
                labeller.modelId());
        long eventTime = state.timestampOf(frame, hopMs);
        byte[] json = LabelJson.encode(label);
        context.forward(new Record<>(streamId, json, eventTime), TopologyNames.LABELS_SINK);
        recentStreams.labelled(streamId, frame, probabilities);
        metrics.latencySeconds((context.currentSystemTimeMs() - (eventTime + hopMs)) / 1000.0);
        return json;
    }
}

package io.tagstream.app.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tagstream.app.config.GapPolicy;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.app.metrics.PipelineMetrics.TimedStage;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.FrameFeatureExtractor;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;
import io.tagstream.wire.PcmChunk;
import io.tagstream.wire.PcmChunkCodec;

/**
 * {@code tagstream.audio} -> {@code tagstream.features}: frames each stream's PCM chunks and extracts a feature
 * vector per frame. The samples carried across chunk boundaries live in a changelogged store, so a fail-over loses
 * nothing. A chunk that starts before the expected sample is a duplicate and is dropped; a chunk that starts after it
 * (a gap) restarts framing at the first hop boundary inside the chunk, leaving a gap in frame numbers that the labeller
 * handles by its {@link GapPolicy}. Undecodable chunks, a key that is not the chunk's stream, and a sample rate other
 * than the pipeline's go to the dead-letter topic.
 */
final class FeatureExtractionProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureExtractionProcessor.class);
    /** Frames per feature record at most: 100 frames of 40 dims are 16 KB, of 1,000 dims 400 KB (limit 1 MiB). */
    static final int MAX_FRAMES_PER_RECORD = 100;

    private final String storeName;
    private final FrameFeatureExtractor extractor;
    private final FeatureSpec spec;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, byte[]> context;
    private final InputGate<PcmChunk> gate;
    private KeyValueStore<String, AudioStreamState> states;

    FeatureExtractionProcessor(String storeName, FrameFeatureExtractor extractor, PipelineMetrics metrics,
            DeadLetters deadLetters) {
        if (storeName == null || extractor == null || metrics == null || deadLetters == null) {
            throw new IllegalArgumentException("store name, extractor, metrics and dead letters are required");
        }
        this.storeName = storeName;
        this.extractor = extractor;
        this.spec = extractor.spec();
        this.metrics = metrics;
        this.gate = new InputGate<>("audio chunk", PcmChunkCodec::decode, PcmChunk::streamId,
                chunk -> chunk.sampleRate() == spec.sampleRate() ? null : "sample rate " + chunk.sampleRate()
                        + " Hz, the pipeline runs at " + spec.sampleRate() + " Hz (resample at ingest)",
                deadLetters, metrics);
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.states = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        PcmChunk chunk = gate.admit(context, record);
        if (chunk == null) {
            return;
        }
        AudioStreamState state = stateOf(chunk);
        if (chunk.firstSample() < state.nextSample()) {
            metrics.duplicateDropped();
            return;
        }
        if (chunk.firstSample() > state.nextSample()) {
            state = afterGap(chunk, state);
        }
        emit(record, chunk, state);
    }

    private AudioStreamState stateOf(PcmChunk chunk) {
        AudioStreamState stored = states.get(chunk.streamId());
        if (stored != null) {
            return stored;
        }
        double originMs = chunk.startTimeMs() - chunk.firstSample() * 1000.0 / spec.sampleRate();
        return alignedStart(chunk.firstSample(), originMs);
    }

    /** A fresh framing that starts at the first hop boundary at or after {@code sample}. */
    private AudioStreamState alignedStart(long sample, double originMs) {
        long frame = Math.floorDiv(sample + spec.hopSamples() - 1, spec.hopSamples());
        return new AudioStreamState(sample, frame, originMs, new float[0]);
    }

    private AudioStreamState afterGap(PcmChunk chunk, AudioStreamState state) {
        LOG.warn("stream {}: gap in audio, expected sample {} got {}", chunk.streamId(), state.nextSample(),
                chunk.firstSample());
        metrics.gap(PipelineMetrics.Stage.AUDIO);
        return alignedStart(chunk.firstSample(), state.originMs());
    }

    private void emit(Record<String, byte[]> record, PcmChunk chunk, AudioStreamState state) {
        long start = System.nanoTime();
        float[] pcm = Pcm16.toFloat(chunk.samples());
        long skip = Math.max(0, state.nextFrame() * spec.hopSamples() - chunk.firstSample());
        float[] usable = skip == 0 ? pcm : java.util.Arrays.copyOfRange(pcm, (int) Math.min(skip, pcm.length), pcm.length);
        StreamingFeatureExtractor stream = StreamingFeatureExtractor.resume(extractor, state.nextFrame(), state.carry());
        float[][] frames = stream.accept(usable); // [n][dims]
        metrics.timed(TimedStage.FEATURES, start); // not what follows: forwarding runs the label processor too
        // a long audio chunk gives several feature records of at most MAX_FRAMES_PER_RECORD frames each, far below
        // Kafka's record limit whatever the audio chunk's length (Kafka refuses a record over its limit, and under
        // exactly-once that refusal fails the whole transaction)
        for (int from = 0; from < frames.length || from == 0 && chunk.endOfStream(); from += MAX_FRAMES_PER_RECORD) {
            int to = Math.min(frames.length, from + MAX_FRAMES_PER_RECORD);
            emitFeatures(record, chunk.streamId(), state, state.nextFrame() + from,
                    java.util.Arrays.copyOfRange(frames, from, to), chunk.endOfStream() && to == frames.length);
        }
        if (chunk.endOfStream()) {
            states.delete(chunk.streamId());
        } else {
            long nextSample = chunk.firstSample() + chunk.samples().length;
            states.put(chunk.streamId(),
                    new AudioStreamState(nextSample, stream.nextFrame(), state.originMs(), stream.carry()));
        }
    }

    private void emitFeatures(Record<String, byte[]> record, String streamId, AudioStreamState state,
            long firstFrame, float[][] frames, boolean endOfStream) {
        long startMs = Math.round(state.originMs() + firstFrame * spec.hopMillis());
        FeatureChunk features = FeatureChunk.ofRows(streamId, firstFrame, spec, Math.max(0, startMs), frames,
                endOfStream);
        Record<String, byte[]> out = record.withValue(FeatureChunkCodec.encode(features))
                .withHeaders(new RecordHeaders(record.headers().toArray()));
        // labelled here, in this task and transaction (no round trip through the topic and a second commit);
        // the copy on the features topic is marked, and the label processor skips it when it comes back
        context.forward(out, TopologyNames.LABELLING);
        out.headers().add(TopologyNames.ORIGIN_HEADER, TopologyNames.ORIGIN_APP);
        context.forward(out, TopologyNames.FEATURES_SINK);
        metrics.featureFrames(frames.length);
    }
}

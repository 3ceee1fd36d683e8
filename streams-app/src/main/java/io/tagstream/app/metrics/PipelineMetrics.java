package io.tagstream.app.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The app's Prometheus metrics, in a registry of its own (several app instances may share a JVM in tests).
 * Served as text by the REST server at {@code /metrics}.
 */
public final class PipelineMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter framesLabelled = Counter.builder().name("tagstream_frames_labelled_total")
            .help("Frames labelled").register(registry);
    private final Counter featureFrames = Counter.builder().name("tagstream_feature_frames_total")
            .help("Feature frames extracted from audio").register(registry);
    private final Counter deadLetters = Counter.builder().name("tagstream_dead_letters_total")
            .help("Records sent to the dead-letter topic").register(registry);
    private final Counter deadLettersTruncated = Counter.builder().name("tagstream_dead_letters_truncated_total")
            .help("Dead letters whose payload was cut to fit the record size limit").register(registry);
    private final Counter deadLettersDropped = Counter.builder().name("tagstream_dead_letters_dropped_total")
            .help("Dead letters the broker refused even cut to fit (logged, not retried)").register(registry);
    private final Counter threadFailures = Counter.builder().name("tagstream_stream_thread_failures_total")
            .help("Stream threads that died on an exception and were replaced").register(registry);
    private final Counter gaps = Counter.builder().name("tagstream_gaps_total")
            .help("Forward jumps in a stream's sequence numbers, by stage (audio or features)")
            .labelNames("stage").register(registry);
    private final Counter duplicates = Counter.builder().name("tagstream_duplicates_dropped_total")
            .help("Input chunks dropped as duplicates or replays").register(registry);
    private final Histogram latency = Histogram.builder().name("tagstream_label_latency_seconds")
            .help("End-to-end latency: frame event time to label emitted")
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).register(registry);
    private final Gauge restoreSeconds = Gauge.builder().name("tagstream_context_restore_seconds")
            .help("Time the last per-stream context rebuild from the window store took").register(registry);
    private final Gauge storeRestoreSeconds = Gauge.builder().name("tagstream_store_restore_seconds")
            .help("Time the last restore of a state store partition from its changelog took").register(registry);
    private final Counter storeRecordsRestored = Counter.builder().name("tagstream_store_records_restored_total")
            .help("Changelog records restored into state stores").register(registry);
    private final Histogram batchFrames = Histogram.builder().name("tagstream_model_batch_frames")
            .help("Frames per batched forward of the model (all streams of a task with frames waiting at a flush)")
            .classicUpperBounds(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500).register(registry);
    private final Histogram batchStreams = Histogram.builder().name("tagstream_model_batch_streams")
            .help("Streams per batched forward of the model")
            .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128).register(registry);
    private final Counter stageSeconds = Counter.builder().name("tagstream_stage_seconds_total")
            .help("Time the processors spent in each stage of their work, by stage (decode, features, "
                    + "context_store, model, produce)")
            .labelNames("stage").register(registry);
    private final Map<TimedStage, CounterDataPoint> stageTimes = new EnumMap<>(TimedStage.class);
    private final Info model = Info.builder().name("tagstream_model_info").help("The model labelling the streams")
            .labelNames("model_id").register(registry);

    public PipelineMetrics(String modelId) {
        model.addLabelValues(modelId);
        for (TimedStage stage : TimedStage.values()) {
            stageTimes.put(stage, stageSeconds.labelValues(stage.label));
        }
    }

    /** A stage of the processors' work whose time is counted ({@code tagstream_stage_seconds_total}). */
    public enum TimedStage {
        /** decoding an input record and the input gate's checks */
        DECODE("decode"),
        /** feature extraction from audio */
        FEATURES("features"),
        /** a stream's frames into the context store, and a stream's rebuild from it */
        CONTEXT_STORE("context_store"),
        /** the model's batched forward */
        MODEL("model"),
        /**
         * the label processor's outputs: label and segment records, the latest-label view, the dashboard history
         * and the stream's state (the feature records' forwarding is not timed: it runs the label processor)
         */
        PRODUCE("produce");

        final String label;

        TimedStage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * Counts the time from {@code startNanos} (a {@link System#nanoTime()}) to now as {@code stage}'s; returns now,
     * the start of whatever comes next.
     */
    public long timed(TimedStage stage, long startNanos) {
        long now = System.nanoTime();
        stageTimes.get(stage).inc((now - startNanos) / 1e9);
        return now;
    }

    /** Seconds counted for {@code stage} so far. */
    public double stageSeconds(TimedStage stage) {
        return stageTimes.get(stage).get();
    }

    public void framesLabelled(int count) {
        framesLabelled.inc(count);
    }

    public void featureFrames(int count) {
        featureFrames.inc(count);
    }

    public void deadLetter() {
        deadLetters.inc();
    }

    public void deadLetterTruncated() {
        deadLettersTruncated.inc();
    }

    public void deadLetterDropped() {
        deadLettersDropped.inc();
    }

    public void threadFailed() {
        threadFailures.inc();
    }

    public void gap(Stage stage) {
        gaps.labelValues(stage.label).inc();
    }

    /** Where in the pipeline a gap was seen. */
    public enum Stage {
        AUDIO("audio"),
        FEATURES("features");

        final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    public void duplicateDropped() {
        duplicates.inc();
    }

    public void latencySeconds(double seconds) {
        latency.observe(Math.max(0.0, seconds));
    }

    void storeRestored(double seconds, long records) {
        storeRestoreSeconds.set(seconds);
        storeRecordsRestored.inc(records);
    }

    /** One batched forward of the model over {@code frames} frames of {@code streams} streams. */
    public void modelBatch(int frames, int streams) {
        batchFrames.observe(frames);
        batchStreams.observe(streams);
    }

    /** Batched forwards so far, and the frames and streams they carried (for the bench's report). */
    public BatchTotals batchTotals() {
        var frames = batchFrames.collect().getDataPoints().get(0);
        var streams = batchStreams.collect().getDataPoints().get(0);
        return new BatchTotals(frames.getCount(), (long) frames.getSum(), (long) streams.getSum());
    }

    /** Totals of the model's batched forwards: calls, frames and stream slots over all calls. */
    public record BatchTotals(long calls, long frames, long streams) {
    }

    public void restoreSeconds(double seconds) {
        restoreSeconds.set(seconds);
    }

    public long deadLetterCount() {
        return (long) deadLetters.get();
    }

    public long deadLetterTruncatedCount() {
        return (long) deadLettersTruncated.get();
    }

    public long deadLetterDroppedCount() {
        return (long) deadLettersDropped.get();
    }

    public long threadFailureCount() {
        return (long) threadFailures.get();
    }

    public long gapCount(Stage stage) {
        return (long) gaps.labelValues(stage.label).get();
    }

    public long duplicateCount() {
        return (long) duplicates.get();
    }

    public long framesLabelledCount() {
        return (long) framesLabelled.get();
    }

    /** The Prometheus text exposition format of every metric. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}

package io.tagstream.app;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.labeller.LabellerWarmUp;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.app.metrics.RestoreLog;
import io.tagstream.app.metrics.StreamThreadHealth;
import io.tagstream.app.topology.DeadLetters;
import io.tagstream.app.topology.RecentStreams;
import io.tagstream.app.topology.RecordSizeLimit;
import io.tagstream.app.topology.StreamsSettings;
import io.tagstream.app.topology.TagstreamTopology;
import io.tagstream.app.web.Dashboard;
import io.tagstream.app.web.RestServer;

/**
 * One running instance of the streams app: the Kafka Streams topology plus its REST server. {@link #start()} binds the
 * REST port first (its address is this instance's {@code application.server}), then starts the streams.
 */
public final class TagstreamApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TagstreamApp.class);
    private static final Set<String> STORE_MEMORY_METRICS =
            Set.of("size-all-mem-tables", "estimate-table-readers-mem", "block-cache-usage");

    private final KafkaStreams streams;
    private final RestServer rest;
    private final PipelineMetrics metrics;
    private final StreamLabeller labeller;
    private final Duration modelWarmUp;
    private final java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);

    public TagstreamApp(AppConfig config, StreamLabeller labeller) throws IOException {
        this.metrics = new PipelineMetrics(labeller.modelId());
        this.labeller = labeller;
        this.modelWarmUp = config.modelWarmUp();
        RecentStreams recent = new RecentStreams();
        StreamThreadHealth health = new StreamThreadHealth(config.stallTimeout(), System::nanoTime);
        this.rest = new RestServer(config.httpHost(), config.httpPort(), config.httpAuthToken(), health, metrics,
                new Dashboard(recent, labeller));
        DeadLetters deadLetters = new DeadLetters(config.topics().dlq(),
                RecordSizeLimit.forTopic(config, config.topics().dlq()), metrics);
        this.streams = new KafkaStreams(TagstreamTopology.build(config, labeller, metrics, recent, deadLetters),
                StreamsSettings.of(config, rest.address(), deadLetters));
        streams.setGlobalStateRestoreListener(new RestoreLog(metrics));
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            metrics.threadFailed();
            health.threadFailed();
            LOG.error("stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
    }

    /**
     * Warms the model up on throwaway streams ({@code model.warm.up.ms}, {@link LabellerWarmUp}), then serves REST
     * and starts the streams.
     */
    public void start() {
        if (!modelWarmUp.isZero()) {
            LabellerWarmUp.Outcome warm = LabellerWarmUp.run(labeller, modelWarmUp);
            LOG.info("model warmed up on {} throwaway frames in {} ms; last call {} us per frame", warm.frames(),
                    warm.took().toMillis(), String.format(java.util.Locale.ROOT, "%.1f", warm.lastCallMicrosPerFrame()));
        }
        rest.serve(streams);
        streams.start();
    }

    /** Waits until the app is RUNNING, up to {@code timeout}; false if it did not get there. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The tasks this instance runs (active, not standby), over all its stream threads. */
    public int activeTaskCount() {
        return streams.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    /**
     * Seconds the stream threads spent committing so far, estimated from Kafka Streams' thread metrics as each
     * thread's commits times its average commit latency (an average over the metrics' recent sample windows).
     */
    public double commitSeconds() {
        Map<String, double[]> byThread = new HashMap<>(); // thread -> {commits, average latency ms}
        streams.metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && metric.metricValue() instanceof Double value
                    && Double.isFinite(value)) {
                double[] thread = byThread.computeIfAbsent(name.tags().get("thread-id"), k -> new double[2]);
                if (name.name().equals("commit-total")) {
                    thread[0] = value;
                } else if (name.name().equals("commit-latency-avg")) {
                    thread[1] = value;
                }
            }
        });
        return byThread.values().stream().mapToDouble(t -> t[0] * t[1] / 1000).sum();
    }

    /**
     * Bytes the stores' RocksDB instances hold in native memory now, from Kafka Streams' RocksDB metrics: memtables
     * ({@code size-all-mem-tables}), table readers' indexes and filters ({@code estimate-table-readers-mem}) and
     * block caches ({@code block-cache-usage}), summed over every store of this instance.
     */
    public long storeNativeBytes() {
        double bytes = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (e.getKey().group().equals("stream-state-metrics") && STORE_MEMORY_METRICS.contains(e.getKey().name())
                    && e.getValue().metricValue() instanceof Number value) {
                bytes += value.doubleValue();
            }
        }
        return (long) bytes;
    }

    /** "host:port" of the REST server; the live dashboard is at {@code http://host:port/}. */
    public String restAddress() {
        return rest.address();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        rest.close();
    }
}

package io.tagstream.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.utils.Utils;

import io.tagstream.app.TagstreamApp;
import io.tagstream.app.config.AppConfig;
import io.tagstream.app.config.AppConfigLoader;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.kafka.TopicCreator;
import io.tagstream.kafka.TopicsConfig;

/**
 * One benchmark scenario's pipeline: its own topics (a name prefix per scenario, so scenarios never see each other's
 * records), its own application id and state directory, and one streams-app instance with exactly-once processing.
 */
final class BenchPipeline implements AutoCloseable {

    private final TopicsConfig topics;
    private final AppConfig config;
    private final StreamLabeller labeller;
    private final Path stateDir;
    private TagstreamApp app;

    /**
     * @param settings app settings for this scenario (e.g. commit.interval.ms, num.stream.threads), on top of the
     *                 defaults of {@code tagstream run}
     */
    BenchPipeline(String bootstrap, String scenario, int partitions, StreamLabeller labeller,
            Map<String, String> settings) throws IOException {
        String prefix = "bench." + scenario + ".";
        this.topics = new TopicsConfig(prefix + "audio", prefix + "features", prefix + "labels",
                prefix + "segments", prefix + "dlq", partitions, (short) 1);
        this.stateDir = Files.createTempDirectory("tagstream-bench-state");
        Map<String, String> flags = new HashMap<>(settings);
        flags.put("bootstrap.servers", bootstrap);
        flags.put("application.id", "tagstream-bench-" + scenario);
        flags.put("state.dir", stateDir.toString());
        flags.put("http.port", "0");
        flags.put("topic.audio", topics.audio());
        flags.put("topic.features", topics.features());
        flags.put("topic.labels", topics.labels());
        flags.put("topic.segments", topics.segments());
        flags.put("topic.dlq", topics.dlq());
        flags.put("topic.partitions", String.valueOf(partitions));
        this.config = AppConfigLoader.load(null, Map.of(), flags);
        this.labeller = labeller;
        TopicCreator.ensureTopics(bootstrap, topics, Duration.ofSeconds(30));
    }

    TopicsConfig topics() {
        return topics;
    }

    /** The app's metrics (after {@link #startApp()}). */
    public PipelineMetrics metrics() {
        return app.metrics();
    }

    /** Seconds the app's stream threads spent committing (after {@link #startApp()}; an estimate, see the app). */
    double commitSeconds() {
        return app.commitSeconds();
    }

    /** Bytes the app's stores hold in RocksDB's native memory (after {@link #startApp()}; see the app). */
    long storeNativeBytes() {
        return app.storeNativeBytes();
    }

    /** Starts the app and waits until it is RUNNING. */
    void startApp() throws IOException, InterruptedException {
        app = new TagstreamApp(config, labeller);
        app.start();
        if (!app.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the streams app did not reach RUNNING within 60 s");
        }
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
        try {
            Utils.delete(stateDir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + stateDir, e);
        }
    }
}

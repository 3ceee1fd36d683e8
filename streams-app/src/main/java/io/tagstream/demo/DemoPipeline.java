package io.tagstream.demo;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tagstream.app.TagstreamApp;
import io.tagstream.app.config.AppConfig;
import io.tagstream.app.config.AppConfigLoader;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.broker.EmbeddedKafkaBroker;
import io.tagstream.kafka.TopicCreator;
import io.tagstream.kafka.TopicsConfig;

/**
 * The demo's Kafka side, all in this JVM and on 127.0.0.1: an embedded single-node KRaft broker, the pipeline's
 * topics, and one streams app instance (REST API and dashboard) whose Kafka Streams state lives in a fresh temporary
 * directory. {@link #close()} stops the app and the broker and deletes both their directories, so the next run starts
 * from nothing.
 */
public final class DemoPipeline implements AutoCloseable {

    public static final String APPLICATION_ID = "tagstream-demo";
    /** The dashboard port used when none is chosen and it is free. */
    public static final int PREFERRED_HTTP_PORT = 8080;
    /** Choose {@link #PREFERRED_HTTP_PORT} if free, else any free port. */
    public static final int ANY_HTTP_PORT = -1;

    private static final Logger LOG = LoggerFactory.getLogger(DemoPipeline.class);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(30);
    private static final Duration RUNNING_WAIT = Duration.ofSeconds(60);

    private final EmbeddedKafkaBroker broker;
    private final Path stateDir;
    private final TagstreamApp app;
    private final TopicsConfig topics;

    private DemoPipeline(EmbeddedKafkaBroker broker, Path stateDir, TagstreamApp app, TopicsConfig topics) {
        this.broker = broker;
        this.stateDir = stateDir;
        this.app = app;
        this.topics = topics;
    }

    /**
     * Starts the broker, creates the topics, starts the app and waits until it is RUNNING.
     *
     * @param httpPort the dashboard port on 127.0.0.1, or {@link #ANY_HTTP_PORT}
     * @throws BindException if the chosen port is taken
     */
    public static DemoPipeline start(StreamLabeller labeller, int httpPort) throws IOException, InterruptedException {
        TopicsConfig topics = TopicsConfig.DEFAULT;
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        Path stateDir = null;
        TagstreamApp app = null;
        boolean started = false;
        try {
            stateDir = Files.createTempDirectory("tagstream-demo-state-");
            TopicCreator.ensureTopics(broker.bootstrapServers(), topics, TOPIC_WAIT);
            app = bind(broker.bootstrapServers(), stateDir, labeller, httpPort);
            app.start();
            if (!app.awaitRunning(RUNNING_WAIT)) {
                throw new IllegalStateException("the streams app did not start within " + RUNNING_WAIT.toSeconds()
                        + " s (state " + app.state() + ")");
            }
            started = true;
            return new DemoPipeline(broker, stateDir, app, topics);
        } finally {
            if (!started) {
                stopAll(app, broker, stateDir);
            }
        }
    }

    /** The app with its REST server bound: on {@code httpPort}, or on 8080 falling back to any free port. */
    private static TagstreamApp bind(String bootstrap, Path stateDir, StreamLabeller labeller, int httpPort)
            throws IOException {
        if (httpPort != ANY_HTTP_PORT) {
            return new TagstreamApp(config(bootstrap, stateDir, httpPort), labeller);
        }
        try {
            return new TagstreamApp(config(bootstrap, stateDir, PREFERRED_HTTP_PORT), labeller);
        } catch (BindException taken) {
            return new TagstreamApp(config(bootstrap, stateDir, 0), labeller);
        }
    }

    private static AppConfig config(String bootstrap, Path stateDir, int httpPort) {
        return AppConfigLoader.load(null, Map.of(), Map.of(
                "bootstrap.servers", bootstrap,
                "application.id", APPLICATION_ID,
                "state.dir", stateDir.toString(),
                "http.host", "127.0.0.1",
                "http.port", String.valueOf(httpPort)));
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public TopicsConfig topics() {
        return topics;
    }

    /** "http://127.0.0.1:PORT/": the app's dashboard. */
    public String dashboardUrl() {
        return "http://" + app.restAddress() + "/";
    }

    /** Stops the app, then the broker; deletes the app's state directory (the broker deletes its own). */
    @Override
    public void close() {
        stopAll(app, broker, stateDir);
    }

    private static void stopAll(TagstreamApp app, EmbeddedKafkaBroker broker, Path stateDir) {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            broker.close();
            deleteQuietly(stateDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            LOG.warn("cannot delete the demo's state directory {}: {}", dir, e.toString());
        }
    }
}

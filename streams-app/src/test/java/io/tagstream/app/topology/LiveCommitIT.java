package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.app.PipelineHarness;
import io.tagstream.app.TagstreamApp;
import io.tagstream.app.TestBroker;
import io.tagstream.app.config.AppConfig;
import io.tagstream.app.labeller.TestEncoders;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.kafka.TopicsConfig;
import io.tagstream.wire.LabelJson;

/**
 * A live stream's labels are committed by its own commit requests ({@link LiveCommits}), not by the commit interval:
 * against a real broker with exactly-once and a commit interval of ten minutes, 3 s of audio played at real time with
 * event times from now are readable (read_committed), every frame once and in order, within minutes of the start,
 * which only the live commits can do (the read waits up to 45 s).
 */
class LiveCommitIT {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final double SECONDS = 3;

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @TempDir
    Path work;

    @Test
    void liveLabelsAreCommittedLongBeforeTheCommitInterval() throws Exception {
        String bootstrap = broker.bootstrapServers();
        TopicsConfig topics = PipelineHarness.topics("livecommit");
        PipelineHarness.createTopics(bootstrap, topics);
        AppConfig config = PipelineHarness.config(bootstrap, "livecommit", topics, work.resolve("state"),
                Map.of("commit.interval.ms", "600000", "live.commit.interval.ms", "20",
                        // Kafka Streams refuses a commit interval longer than the transaction timeout
                        "kafka.producer.transaction.timeout.ms", "700000"));
        try (TagstreamApp app = new TagstreamApp(config, TestEncoders.labeller(5))) {
            app.start();
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)), "app running");
            long started = System.nanoTime();
            PipelineHarness.replay(bootstrap, topics, "live", PipelineHarness.recording(4, SECONDS, SPEC), SPEC, 1.0,
                    System.currentTimeMillis());

            long frames = StreamingFeatureExtractor.frameCount(SPEC, (long) (SECONDS * SPEC.sampleRate()));
            List<byte[]> labels = PipelineHarness.readPerStream(bootstrap, topics.labels(), frames,
                    Duration.ofSeconds(45)).getOrDefault("live", List.of());
            assertEquals(frames, labels.size(), "one committed label per frame");
            for (int f = 0; f < labels.size(); f++) {
                assertEquals(f, LabelJson.decodeLabel(labels.get(f)).frame(), "in order");
            }
            assertTrue(System.nanoTime() - started < Duration.ofMinutes(5).toNanos(), "long before the interval");
        }
    }
}

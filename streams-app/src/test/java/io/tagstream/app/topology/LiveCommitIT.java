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
 * A live stream's labels are committed by its task's own commit requests ({@link LiveCommits}), not by Kafka
 * Streams' interval: against a real broker with exactly-once, a catch-up interval of ten minutes (Kafka Streams' own
 * commit interval) and live commits every 20 ms, 3 s of audio played at real time are all readable
 * (read_committed), every frame once and in order, within 45 s, which only the live requests can do.
 */
class LiveCommitIT {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final double SECONDS = 3;

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @TempDir
    Path work;

    @Test
    void liveLabelsAreCommittedLongBeforeTheCatchUpInterval() throws Exception {
        String bootstrap = broker.bootstrapServers();
        TopicsConfig topics = PipelineHarness.topics("livecommit");
        PipelineHarness.createTopics(bootstrap, topics);
        AppConfig config = PipelineHarness.config(bootstrap, "livecommit", topics, work.resolve("state"),
                Map.of("commit.interval.ms", "20", "commit.catchup.interval.ms", "600000",
                        // Kafka Streams refuses a commit interval longer than the transaction timeout
                        "kafka.producer.transaction.timeout.ms", "700000"));
        try (TagstreamApp app = new TagstreamApp(config, TestEncoders.labeller(5))) {
            app.start();
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)), "app running");
            PipelineHarness.replay(bootstrap, topics, "live", PipelineHarness.recording(4, SECONDS, SPEC), SPEC, 1.0,
                    System.currentTimeMillis());

            long frames = StreamingFeatureExtractor.frameCount(SPEC, (long) (SECONDS * SPEC.sampleRate()));
            List<byte[]> labels = PipelineHarness.readPerStream(bootstrap, topics.labels(), frames,
                    Duration.ofSeconds(45)).getOrDefault("live", List.of());
            assertEquals(frames, labels.size(), "one committed label per frame");
            for (int f = 0; f < labels.size(); f++) {
                assertEquals(f, LabelJson.decodeLabel(labels.get(f)).frame(), "in order");
            }
        }
    }
}

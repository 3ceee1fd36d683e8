package io.tagstream.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.labeller.TestEncoders;
import io.tagstream.cli.TagstreamCommand;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.kafka.TopicsConfig;
import io.tagstream.wire.LabelJson;

/**
 * The broker itself fails: {@code tagstream broker --data-dir DIR} runs in its own JVM, is SIGKILLed while streams are
 * being ingested and labelled (exactly-once), and started again on the same directory (and so the same port). Ingest
 * and the app recover by themselves: every frame is labelled exactly once, in order, byte-identical to an uninterrupted
 * run on the same broker.
 */
class BrokerRestartIT {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final int STREAMS = 3;
    private static final double SECONDS = 8.0;
    private static final long FRAMES = StreamingFeatureExtractor.frameCount(SPEC, (long) (SECONDS * SPEC.sampleRate()));
    private static final Pattern READY = Pattern.compile("Kafka broker ready at (127\\.0\\.0\\.1:\\d+) .*");

    @TempDir
    Path work;

    @Test
    void aBrokerKilledMidStreamAndRestartedOnItsDataLosesAndDoublesNothing() throws Exception {
        Path data = work.resolve("broker-data");
        Process broker = startBroker(data, "first");
        String bootstrap = bootstrapOf(broker);
        try {
            Map<String, List<byte[]>> reference = run(bootstrap, "ref", 0, null);
            Process[] current = {broker};
            Map<String, List<byte[]>> faulted = run(bootstrap, "fault", 2.0, () -> {
                assertTrue(current[0].destroyForcibly().waitFor(30, TimeUnit.SECONDS), "broker killed");
                Thread.sleep(2_000); // clients see a dead broker for a while
                current[0] = startBroker(data, "second");
                assertEquals(bootstrap, bootstrapOf(current[0]), "the same address again");
            });
            broker = current[0];
            for (int s = 0; s < STREAMS; s++) {
                String id = "s" + s;
                List<byte[]> labels = faulted.get(id);
                assertEquals(FRAMES, labels == null ? 0 : labels.size(), id + ": exactly one label per frame");
                for (int f = 0; f < FRAMES; f++) {
                    assertEquals(f, LabelJson.decodeLabel(labels.get(f)).frame(), id + ": in order");
                    assertArrayEquals(reference.get(id).get(f), labels.get(f), id + " frame " + f + " == uninterrupted");
                }
            }
        } finally {
            broker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** What happens to the broker mid-stream. */
    private interface Fault {
        void strike() throws Exception;
    }

    /**
     * Replays the streams at {@code speed} (0 = as fast as possible) into topics of {@code prefix}, labels them with an
     * in-process app, strikes {@code fault} (if any) once a quarter of the labels are out, and returns the labels.
     */
    private Map<String, List<byte[]>> run(String bootstrap, String prefix, double speed, Fault fault)
            throws Exception {
        TopicsConfig topics = PipelineHarness.topics(prefix);
        PipelineHarness.createTopics(bootstrap, topics);
        AppConfig config = PipelineHarness.config(bootstrap, prefix, topics, work.resolve("state-" + prefix), Map.of());
        try (TagstreamApp app = new TagstreamApp(config, TestEncoders.labeller(9))) {
            app.start();
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)), prefix + " app running");
            Thread feeder = new Thread(() -> {
                try {
                    for (int s = 0; s < STREAMS; s++) {
                        PipelineHarness.replay(bootstrap, topics, "s" + s, PipelineHarness.recording(40 + s, SECONDS,
                                SPEC), SPEC, speed == 0 ? Double.POSITIVE_INFINITY : speed);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "feeder-" + prefix);
            feeder.setDaemon(true);
            feeder.start();
            if (fault != null) {
                long quarter = FRAMES * STREAMS / 4;
                long seen = PipelineHarness.readPerStream(bootstrap, topics.labels(), quarter, Duration.ofSeconds(60))
                        .values().stream().mapToLong(List::size).sum();
                assertTrue(seen >= quarter && seen < FRAMES * STREAMS, "the fault strikes mid-stream: " + seen);
                fault.strike();
            }
            feeder.join(180_000);
            assertTrue(!feeder.isAlive(), "ingest finished by itself");
            return PipelineHarness.readPerStream(bootstrap, topics.labels(), FRAMES * STREAMS,
                    Duration.ofSeconds(120));
        }
    }

    /** {@code tagstream broker --data-dir DIR} in a JVM of its own, its log in target/broker-restart-logs. */
    private static Process startBroker(Path data, String name) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, TagstreamCommand.class.getName(), "broker", "--data-dir", data.toString());
        Path logs = Path.of("target", "broker-restart-logs");
        Files.createDirectories(logs);
        pb.redirectError(logs.resolve(name + ".log").toFile());
        return pb.start();
    }

    /** Reads the broker's first line: its address once ready (bounded by the broker's own 60 s ready timeout). */
    private static String bootstrapOf(Process broker) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher m = line == null ? null : READY.matcher(line);
        if (m == null || !m.matches()) {
            broker.destroyForcibly();
            throw new AssertionError("the broker did not start: " + line);
        }
        return m.group(1);
    }
}

package io.tagstream.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.app.config.AppConfig;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.kafka.TopicsConfig;
import io.tagstream.wire.LabelJson;

/**
 * Invariants 4 and 5 against a real broker with exactly_once_v2: an app instance in its own JVM is killed with
 * SIGKILL mid-stream and (a) restarted, or (b) replaced by the other instance (with a standby replica). Either way
 * every input frame gets exactly one label, in order, byte-identical to an uninterrupted run. Both run the app's
 * row-invariant ND4J engine; the uninterrupted run is in this JVM, which has the Vector API module (surefire adds it),
 * and the instances are JVMs without it, so byte-identical labels also show that the vector and the plain-loop lane
 * kernels agree to the bit.
 */
class FailoverIT {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final int STREAMS = 4;
    private static final double SECONDS = 12.0;
    private static final long FRAMES = StreamingFeatureExtractor.frameCount(SPEC, (long) (SECONDS * SPEC.sampleRate()));
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @TempDir
    Path stateDir;

    @Test
    void aKilledInstanceRestartedMidStreamLosesAndDoublesNothing() throws Exception {
        String engine = AppInstanceMain.labeller().engine(); // the instances' engine: the same code on this machine
        assertTrue(engine.startsWith("nd4j-row-invariant"), "the app's ND4J engine, not " + engine);
        String prefix = "restart";
        PipelineHarness.createTopics(broker.bootstrapServers(), AppInstanceMain.topics(prefix, prefix));
        Thread feeder = feed(prefix, "r-", 4.0);
        Process first = startInstance(prefix, "a", 0);
        awaitLabels(prefix, FRAMES * STREAMS / 4);
        kill(first, prefix);
        Process second = startInstance(prefix, "a", 0);
        try {
            feeder.join(120_000);
            assertExactlyOnceAndEqualToReference(prefix, "r-");
        } finally {
            second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertReadableRestartLog(logOf(prefix, "a"));
    }

    @Test
    void theOtherInstanceTakesOverAKilledOneWithAStandby() throws Exception {
        String prefix = "takeover";
        PipelineHarness.createTopics(broker.bootstrapServers(), AppInstanceMain.topics(prefix, prefix));
        Process a = startInstance(prefix, "a", 1);
        Process b = startInstance(prefix, "b", 1);
        Thread feeder = feed(prefix, "t-", 4.0);
        try {
            awaitLabels(prefix, FRAMES * STREAMS / 3);
            kill(a, prefix);
            feeder.join(120_000);
            assertExactlyOnceAndEqualToReference(prefix, "t-");
        } finally {
            b.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Tasks go back to an instance that held them before: {@code a} labels alone, {@code b} joins and takes tasks
     * over (both with a standby of the other's tasks), {@code b} is SIGKILLed and started again, and {@code a} takes
     * the tasks back, with the local state it kept from when they were its own. The last two streams are fed only
     * once {@code b} is up, and {@code b} is killed as their first labels come: on a loaded machine {@code b}'s start
     * took longer than the whole feed (session 30: all 4,792 labels committed at the kill), which proves nothing.
     */
    @Test
    void tasksHandedBackToTheirFormerInstanceLoseAndDoubleNothing() throws Exception {
        String prefix = "handback";
        PipelineHarness.createTopics(broker.bootstrapServers(), AppInstanceMain.topics(prefix, prefix));
        Process a = startInstance(prefix, "a", 1);
        CountDownLatch bIsUp = new CountDownLatch(1);
        Thread feeder = feed(prefix, "h-", 2.0, bIsUp, STREAMS / 2);
        Process b = null;
        try {
            awaitLabels(prefix, FRAMES / 4);
            b = startInstance(prefix, "b", 1);
            bIsUp.countDown();
            awaitLabels(prefix, FRAMES * STREAMS / 2 + FRAMES / 8);
            kill(b, prefix);
            b = startInstance(prefix, "b", 1);
            feeder.join(120_000);
            assertExactlyOnceAndEqualToReference(prefix, "h-");
        } finally {
            a.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            if (b != null) {
                b.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Replays the streams one after another at {@code speed}x real time in the background. */
    private Thread feed(String prefix, String idPrefix, double speed) {
        return feed(prefix, idPrefix, speed, new CountDownLatch(0), STREAMS);
    }

    /**
     * Replays the streams one after another at {@code speed}x real time in the background, streams from
     * {@code gatedFrom} on only once {@code gate} is open (at most 120 s).
     */
    private Thread feed(String prefix, String idPrefix, double speed, CountDownLatch gate, int gatedFrom) {
        Thread t = new Thread(() -> {
            try {
                for (int s = 0; s < STREAMS; s++) {
                    if (s == gatedFrom && !gate.await(120, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the feeder's gate stayed shut for 120 s");
                    }
                    PipelineHarness.replay(broker.bootstrapServers(), AppInstanceMain.topics(prefix, prefix), idPrefix + s,
                            PipelineHarness.recording(500 + s, SECONDS, SPEC), SPEC, speed);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "feeder");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void assertExactlyOnceAndEqualToReference(String prefix, String idPrefix) throws Exception {
        Map<String, List<byte[]>> reference = referenceRun(prefix, prefix + "-ref");
        Map<String, List<byte[]>> got = PipelineHarness.readPerStream(broker.bootstrapServers(),
                AppInstanceMain.topics(prefix, prefix).labels(), FRAMES * STREAMS, Duration.ofSeconds(120));
        for (int s = 0; s < STREAMS; s++) {
            String id = idPrefix + s;
            List<byte[]> labels = got.get(id);
            assertEquals(FRAMES, labels == null ? 0 : labels.size(), id + ": exactly one label per frame; frames "
                    + framesSummary(labels) + "; reference has " + reference.get(id).size());
            for (int f = 0; f < FRAMES; f++) {
                assertEquals(f, LabelJson.decodeLabel(labels.get(f)).frame(), id + ": in order");
                assertArrayEquals(reference.get(id).get(f), labels.get(f), id + " frame " + f + " == uninterrupted");
            }
        }
    }

    /** "0-411, 430-1197"-style ranges of the frames present, to show what is missing or doubled. */
    private static String framesSummary(List<byte[]> labels) {
        if (labels == null) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        long start = -2;
        long previous = -2;
        for (byte[] value : labels) {
            long f = LabelJson.decodeLabel(value).frame();
            if (f != previous + 1) {
                if (start >= 0) {
                    b.append(start).append('-').append(previous).append(", ");
                }
                start = f;
            }
            previous = f;
        }
        return b.append(start).append('-').append(previous).toString();
    }

    /** An uninterrupted in-process run over the same input, with its own application id and output topics. */
    private Map<String, List<byte[]>> referenceRun(String input, String prefix) throws Exception {
        TopicsConfig topics = AppInstanceMain.topics(input, prefix);
        PipelineHarness.createTopics(broker.bootstrapServers(), topics);
        AppConfig config = PipelineHarness.config(broker.bootstrapServers(), prefix, topics,
                stateDir.resolve(prefix), Map.of());
        try (TagstreamApp app = new TagstreamApp(config, AppInstanceMain.labeller())) {
            app.start();
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)), "reference run reaches RUNNING");
            Map<String, List<byte[]>> labels = PipelineHarness.readPerStream(broker.bootstrapServers(),
                    topics.labels(), FRAMES * STREAMS, Duration.ofSeconds(120));
            assertEquals(STREAMS, labels.size(), "reference run labels every stream, got " + labels.keySet());
            return labels;
        }
    }

    private Process startInstance(String prefix, String name, int standbys) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, AppInstanceMain.class.getName(), broker.bootstrapServers(), prefix,
                stateDir.resolve(prefix + "-" + name).toString(), String.valueOf(standbys), prefix, prefix);
        pb.redirectErrorStream(false);
        Path logs = Path.of("target", "failover-logs");
        java.nio.file.Files.createDirectories(logs);
        pb.redirectError(logOf(prefix, name).toFile());
        Process process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"RUNNING".equals(line)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("instance " + name + " did not start (" + line + "); see its log in "
                    + logs.toAbsolutePath());
        }
        return process;
    }

    /**
     * The restarted instance's log says what happened in one WARN line per task (its state is restored), with no
     * ERROR line and no stack trace: Kafka Streams' own lines about "corrupted" tasks are summarised.
     */
    private static void assertReadableRestartLog(Path log) throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(log);
        List<String> told = lines.stream().filter(l -> l.contains(" WARN ") && l.contains("its state was not"
                + " committed")).toList();
        assertTrue(!told.isEmpty() && told.size() <= 4, "one WARN line per task restored: " + told);
        assertEquals(List.of(), lines.stream().filter(l -> l.contains(" ERROR ") || l.startsWith("\tat ")
                || l.contains("Exception:")).toList(), "no ERROR and no stack trace in " + log);
    }

    private static Path logOf(String prefix, String name) {
        return Path.of("target", "failover-logs", prefix + "-" + name + ".log");
    }

    /**
     * SIGKILLs {@code instance} and checks that the kill landed mid-stream: the process is gone, and the labels it had
     * committed are fewer than all (a kill after the last label would prove nothing).
     */
    private void kill(Process instance, String prefix) throws InterruptedException {
        assertTrue(instance.destroyForcibly().waitFor(30, TimeUnit.SECONDS), "the killed instance is gone");
        long committed = committedLabels(prefix);
        assertTrue(committed < FRAMES * STREAMS, "killed mid-stream: " + committed + " of " + FRAMES * STREAMS
                + " labels committed at the kill");
    }

    /** Waits (bounded) until at least {@code count} committed labels exist on the prefix's label topic. */
    private void awaitLabels(String prefix, long count) {
        if (waitForLabels(prefix, count, Duration.ofSeconds(120)) < count) {
            throw new AssertionError("fewer than " + count + " labels on " + AppInstanceMain.topics(prefix, prefix)
                    .labels() + " within 120 s");
        }
    }

    /** The label records committed on the prefix's label topic (read, not offsets: commit markers take offsets). */
    private long committedLabels(String prefix) {
        return PipelineHarness.readPerStream(broker.bootstrapServers(), AppInstanceMain.topics(prefix, prefix).labels(),
                Long.MAX_VALUE, Duration.ofSeconds(3)).values().stream().mapToLong(List::size).sum();
    }

    /**
     * Committed offsets on the prefix's label topic (labels plus commit markers, so at least the labels) once there
     * are {@code count}, or when {@code timeout} ends.
     */
    private long waitForLabels(String prefix, long count, Duration timeout) {
        String topic = AppInstanceMain.topics(prefix, prefix).labels();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long committed = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                if (committed >= count || System.nanoTime() >= deadline) {
                    return committed;
                }
                consumer.poll(Duration.ofMillis(100)); // bounded wait between checks
            }
        }
    }

}

package io.tagstream.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.labeller.TestEncoders;
import io.tagstream.broker.EmbeddedKafkaBroker;
import io.tagstream.features.FeatureSpec;
import io.tagstream.kafka.TopicsConfig;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;
import io.tagstream.wire.LabelJson;

/**
 * Frames stored but not yet fed to the model survive a restart (real broker, exactly-once): an instance whose batches
 * wait a minute reads the first half of a stream and is closed before any forward (no label out); a second instance
 * with an empty state directory restores the stores from their changelogs, reads the waiting frames back, and labels
 * the whole stream exactly once, in order, byte-identical to an instance that labelled it in one go.
 */
class WaitingFramesRestartIT {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final int FRAMES = 300;
    private static final int CHUNK = 20;

    @TempDir
    Path work;

    private final StreamLabeller labeller = TestEncoders.labeller(5);

    @Test
    void waitingFramesAreFedAfterARestartAndLabelsEqualAnUninterruptedRun() throws Exception {
        float[][] frames = new float[FRAMES][SPEC.dims()];
        Random random = new Random(21);
        for (float[] frame : frames) {
            for (int d = 0; d < frame.length; d++) {
                frame[d] = (float) (-4 + 2 * random.nextGaussian());
            }
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            String bootstrap = broker.bootstrapServers();
            TopicsConfig reference = PipelineHarness.topics("reference");
            PipelineHarness.createTopics(bootstrap, reference);
            send(bootstrap, reference, frames, 0, FRAMES);
            try (TagstreamApp app = app(bootstrap, "reference", reference, "ref", Map.of())) {
                assertTrue(app.awaitRunning(Duration.ofSeconds(60)));
                PipelineHarness.readPerStream(bootstrap, reference.labels(), FRAMES, Duration.ofSeconds(60));
            }
            List<byte[]> expected = PipelineHarness.readPerStream(bootstrap, reference.labels(), FRAMES,
                    Duration.ofSeconds(30)).get("s");
            assertEquals(FRAMES, expected.size());

            TopicsConfig restarted = PipelineHarness.topics("restarted");
            PipelineHarness.createTopics(bootstrap, restarted);
            Map<String, String> slow = Map.of("label.batch.max.wait.ms", "60000", "label.batch.max.frames", "100000");
            int half = FRAMES / 2;
            send(bootstrap, restarted, frames, 0, half);
            try (TagstreamApp first = app(bootstrap, "restarted", restarted, "first", slow)) {
                assertTrue(first.awaitRunning(Duration.ofSeconds(60)));
                awaitCommitted(bootstrap, "restarted", restarted.features(), Duration.ofSeconds(60));
            }
            assertTrue(PipelineHarness.readPerStream(bootstrap, restarted.labels(), 1, Duration.ofSeconds(2))
                    .isEmpty(), "the first instance fed nothing: its frames were still waiting when it closed");
            send(bootstrap, restarted, frames, half, FRAMES);
            try (TagstreamApp second = app(bootstrap, "restarted", restarted, "second", slow)) {
                assertTrue(second.awaitRunning(Duration.ofSeconds(60)));
                List<byte[]> labels = PipelineHarness.readPerStream(bootstrap, restarted.labels(), FRAMES,
                        Duration.ofSeconds(60)).get("s");
                assertEquals(FRAMES, labels.size(), "one label per frame");
                for (int f = 0; f < FRAMES; f++) {
                    assertEquals(f, LabelJson.decodeLabel(labels.get(f)).frame(), "in order");
                    assertArrayEquals(expected.get(f), labels.get(f), "frame " + f + " as in the uninterrupted run");
                }
            }
        }
    }

    private TagstreamApp app(String bootstrap, String applicationId, TopicsConfig topics, String stateDir,
            Map<String, String> extra) throws Exception {
        AppConfig config = PipelineHarness.config(bootstrap, applicationId, topics, work.resolve(stateDir), extra);
        TagstreamApp app = new TagstreamApp(config, labeller);
        app.start();
        return app;
    }


    /** Feature chunks of frames [from, to) of stream "s"; the end-of-stream marker on the last chunk of the stream. */
    private static void send(String bootstrap, TopicsConfig topics, float[][] frames, int from, int to)
            throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int first = from; first < to; first += CHUNK) {
                int n = Math.min(CHUNK, to - first);
                float[] values = new float[n * SPEC.dims()];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(frames[first + i], 0, values, i * SPEC.dims(), SPEC.dims());
                }
                long time = PipelineHarness.T0 + first * 10L;
                boolean end = first + n == frames.length;
                producer.send(new ProducerRecord<>(topics.features(), null, time, "s",
                        FeatureChunkCodec.encode(new FeatureChunk("s", first, SPEC, time, n, values, end)))).get();
            }
        }
    }

    /** Waits until the application has committed its offsets up to the end of {@code topic}. */
    private static void awaitCommitted(String bootstrap, String applicationId, String topic, Duration timeout)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get()
                    .offset();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get();
                Set<Long> offsets = committed.entrySet().stream().filter(e -> e.getKey().equals(partition))
                        .map(e -> e.getValue().offset()).collect(Collectors.toSet());
                if (offsets.contains(end)) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("offsets of " + topic + " not committed up to " + end + " within " + timeout);
        }
    }
}

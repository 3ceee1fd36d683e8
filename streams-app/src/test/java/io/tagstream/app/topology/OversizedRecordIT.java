package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import io.tagstream.model.ModelFile;
import io.tagstream.wire.LabelJson;

/**
 * One record of random bytes at the very limit of the input topic (its {@code max.message.bytes} less a few bytes),
 * against a real broker with exactly-once: its dead letter, with the error headers, would not fit, so it is written
 * cut to fit with headers giving the original size and SHA-256; no stream thread fails, {@code /health} stays 200, and
 * a good stream beside it is labelled whole, once per frame. Twice: with the dead-letter topic's
 * {@code max.message.bytes} the tighter limit, and with the app's {@code max.request.size} the tighter one.
 */
class OversizedRecordIT {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final double GOOD_SECONDS = 3;
    /** Kafka's default message.max.bytes, which the input topic keeps. */
    private static final int INPUT_LIMIT = RecordSizeLimit.DEFAULT_MAX_MESSAGE_BYTES;
    private static final String POISON_KEY = "poison";

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @TempDir
    Path work;

    @Test
    void theDeadLetterTopicsLimitIsTheTighter() throws Exception {
        TopicsConfig topics = PipelineHarness.topics("topiclimit");
        PipelineHarness.createTopics(broker.bootstrapServers(), topics);
        setMaxMessageBytes(topics.dlq(), 300_000);
        runAndCheck(topics, Map.of(), 300_000);
    }

    @Test
    void theProducersRequestSizeIsTheTighter() throws Exception {
        TopicsConfig topics = PipelineHarness.topics("producerlimit");
        PipelineHarness.createTopics(broker.bootstrapServers(), topics);
        runAndCheck(topics, Map.of("kafka.max.request.size", "200000"), 200_000);
    }

    private void runAndCheck(TopicsConfig topics, Map<String, String> extra, int limit) throws Exception {
        String bootstrap = broker.bootstrapServers();
        byte[] poison = new byte[INPUT_LIMIT - RecordSizeBound.BATCH_OVERHEAD - 16 - POISON_KEY.length()];
        new Random(5).nextBytes(poison);
        AppConfig config = PipelineHarness.config(bootstrap, topics.audio().split("\\.")[0], topics,
                work.resolve("state"), extra);
        try (TagstreamApp app = new TagstreamApp(config, TestEncoders.labeller(5))) {
            app.start();
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)), "app running");
            sendRaw(bootstrap, topics.audio(), poison);
            PipelineHarness.replay(bootstrap, topics, "good", PipelineHarness.recording(3, GOOD_SECONDS, SPEC), SPEC);

            long frames = StreamingFeatureExtractor.frameCount(SPEC, (long) (GOOD_SECONDS * SPEC.sampleRate()));
            List<byte[]> labels = PipelineHarness.readPerStream(bootstrap, topics.labels(), frames,
                    Duration.ofSeconds(90)).get("good");
            assertEquals(frames, labels.size(), "the good stream: one label per frame");
            for (int f = 0; f < labels.size(); f++) {
                assertEquals(f, LabelJson.decodeLabel(labels.get(f)).frame(), "in order");
            }

            List<ConsumerRecord<String, byte[]>> dead = readAll(bootstrap, topics.dlq(), 1, Duration.ofSeconds(30));
            assertEquals(1, dead.size(), "one dead letter");
            ConsumerRecord<String, byte[]> letter = dead.get(0);
            assertEquals(POISON_KEY, letter.key());
            assertEquals("true", header(letter, DeadLetters.HEADER_TRUNCATED));
            assertEquals(String.valueOf(poison.length), header(letter, DeadLetters.HEADER_ORIGINAL_SIZE));
            assertEquals(ModelFile.sha256(poison), header(letter, DeadLetters.HEADER_ORIGINAL_SHA256));
            assertEquals(topics.audio(), header(letter, DeadLetters.HEADER_TOPIC));
            assertTrue(header(letter, DeadLetters.HEADER_ERROR).startsWith("undecodable audio chunk"),
                    header(letter, DeadLetters.HEADER_ERROR));
            assertArrayEquals(Arrays.copyOf(poison, letter.value().length), letter.value(),
                    "the payload is the original's first bytes");
            int size = RecordSizeBound.of(POISON_KEY.length(), letter.value().length, letter.headers().toArray());
            assertTrue(size <= limit && size > limit - 64, "cut to the limit " + limit + ", not below it: " + size);

            assertEquals(1, app.metrics().deadLetterTruncatedCount());
            assertEquals(0, app.metrics().deadLetterDroppedCount());
            assertEquals(0, app.metrics().threadFailureCount(), "no stream thread failed");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + app.restAddress() + "/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
        }
    }

    /** Sends {@code value} as one record with a producer that allows it (the broker's limit is what counts). */
    private static void sendRaw(String bootstrap, String topic, byte[] value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * INPUT_LIMIT);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, POISON_KEY, value)).get();
        }
    }

    private static void setMaxMessageBytes(String topic, int bytes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                            String.valueOf(bytes)), AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, int expected,
            Duration deadline) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + deadline.toNanos();
            while (out.size() < expected && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            consumer.poll(Duration.ofMillis(1_000)).forEach(out::add); // anything doubled shows up too
        }
        return out;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

}

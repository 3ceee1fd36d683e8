package io.tagstream.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tagstream.broker.EmbeddedKafkaBroker;

/** TopicCreator against a real embedded broker: creates, is idempotent, refuses too few partitions. */
class TopicCreatorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    @Test
    void ensuringTwiceCreatesOnceAndKeepsPartitions() throws Exception {
        TopicsConfig topics = prefixed("twice", 3);
        TopicCreator creator = new TopicCreator(admin, TIMEOUT);
        creator.ensure(topics);
        creator.ensure(topics);
        Map<String, TopicDescription> described = describe(topics.names());
        assertEquals(5, described.size());
        described.values().forEach(d -> assertEquals(3, d.partitions().size(), d.name()));
    }

    @Test
    void anExistingTopicWithMorePartitionsIsFine() throws Exception {
        admin.createTopics(List.of(new NewTopic("more.audio", 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        new TopicCreator(admin, TIMEOUT).ensure(prefixed("more", 2));
        assertEquals(6, describe(List.of("more.audio")).get("more.audio").partitions().size());
    }

    @Test
    void anExistingTopicWithTooFewPartitionsIsAClearError() throws Exception {
        admin.createTopics(List.of(new NewTopic("few.labels", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        TopicSetupException e = assertThrows(TopicSetupException.class,
                () -> new TopicCreator(admin, TIMEOUT).ensure(prefixed("few", 4)));
        assertEquals("topic few.labels exists with 1 partition(s) but needs at least 4"
                + " (add partitions with kafka-topics --alter, or use a smaller --partitions)", e.getMessage());
    }

    @Test
    void aReplicationFactorAboveTheBrokerCountIsAClearError() {
        TopicSetupException e = assertThrows(TopicSetupException.class,
                () -> new TopicCreator(admin, TIMEOUT).ensure(prefixed("rf", 1).withReplicationFactor((short) 3)));
        assertEquals(true, e.getMessage().startsWith("cannot create topic rf."), e.getMessage());
    }

    /**
     * Regression: right after creation the broker names a partition's leader before that leader serves writes, and an
     * idempotent producer hitting that window was rejected with OUT_OF_ORDER_SEQUENCE_NUMBER for good (about one
     * fresh topic in seven here, before {@link TopicCreator} waited for serving leaders).
     */
    @Test
    void anIdempotentProducerCanWriteToATopicTheMomentEnsureReturns() throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        TopicCreator creator = new TopicCreator(admin, TIMEOUT);
        for (int i = 0; i < 15; i++) {
            String topic = "fresh." + i;
            creator.ensure(List.of(topic), 1, (short) 1);
            try (KafkaProducer<byte[], byte[]> producer =
                         new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                for (int r = 0; r < 30; r++) {
                    acks.add(producer.send(new ProducerRecord<>(topic, new byte[] {(byte) r})));
                }
                for (int r = 0; r < acks.size(); r++) {
                    assertEquals(r, acks.get(r).get(30, TimeUnit.SECONDS).offset(), topic + " record " + r);
                }
            }
        }
    }

    private static TopicsConfig prefixed(String prefix, int partitions) {
        return new TopicsConfig(prefix + ".audio", prefix + ".features", prefix + ".labels", prefix + ".segments",
                prefix + ".dlq", partitions, (short) 1);
    }

    private static Map<String, TopicDescription> describe(List<String> names) throws Exception {
        return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
    }
}

package io.tagstream.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** A real KRaft broker in this JVM: start, topics, a produced record read back, close, ports and data released. */
class EmbeddedKafkaBrokerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void startsCreatesTopicsRoundTripsARecordAndReleasesEverythingOnClose() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        Path dataDir = broker.dataDir();
        int brokerPort = broker.brokerPort();
        int controllerPort = broker.controllerPort();
        try (broker) {
            assertEquals("127.0.0.1:" + brokerPort, broker.bootstrapServers());
            assertNotEquals(brokerPort, controllerPort);
            assertTrue(Files.isRegularFile(dataDir.resolve("server.properties")));
            System.out.printf("embedded broker ready in %d ms%n", broker.startupTime().toMillis());

            List<String> topics = List.of("tagstream.audio", "tagstream.labels");
            try (Admin admin = admin(broker)) {
                create(admin, topics, 2);
                assertPartitions(admin, topics, 2);
            }
            byte[] value = "hello".getBytes(StandardCharsets.UTF_8);
            RecordMetadata sent = produce(broker, topics.get(0), "stream-1", value, 1_234_567L);
            ConsumerRecord<byte[], byte[]> read = consumeOne(broker, topics.get(0), sent.partition());
            assertArrayEquals("stream-1".getBytes(StandardCharsets.UTF_8), read.key());
            assertArrayEquals(value, read.value());
            assertEquals(1_234_567L, read.timestamp());
            assertEquals(sent.offset(), read.offset());
        }
        assertFalse(Files.exists(dataDir), "data directory deleted on close");
        assertTrue(canBind(brokerPort), "broker port released");
        assertTrue(canBind(controllerPort), "controller port released");
        broker.close(); // idempotent
    }

    @Test
    void aBrokerWithADataDirComesBackWithItsRecordsOnTheSamePorts(@org.junit.jupiter.api.io.TempDir Path work)
            throws Exception {
        Path data = work.resolve("kept");
        BrokerSettings kept = BrokerSettings.DEFAULT.withDataDir(data);
        byte[] value = "still here".getBytes(StandardCharsets.UTF_8);
        int brokerPort;
        int controllerPort;
        RecordMetadata sent;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(kept)) {
            brokerPort = first.brokerPort();
            controllerPort = first.controllerPort();
            try (Admin admin = admin(first)) {
                create(admin, List.of("kept"), 1);
            }
            sent = produce(first, "kept", "k", value, 42L);
        }
        assertTrue(Files.isRegularFile(data.resolve("server.properties")), "the data stays after close");
        BrokerStartException wrongPort = assertThrows(BrokerStartException.class,
                () -> EmbeddedKafkaBroker.start(kept.withBrokerPort(brokerPort == 65_535 ? 1 : brokerPort + 1)));
        assertEquals("cannot start the Kafka broker: " + data + " holds a broker of port " + brokerPort
                + "; start it with --port " + brokerPort + " or use another data directory", wrongPort.getMessage());
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(kept)) {
            assertEquals(brokerPort, second.brokerPort(), "same client port");
            assertEquals(controllerPort, second.controllerPort(), "same controller port");
            ConsumerRecord<byte[], byte[]> read = consumeOne(second, "kept", sent.partition());
            assertArrayEquals(value, read.value(), "the record written before the restart");
            assertEquals(sent.offset(), read.offset());
        }
        assertTrue(Files.isDirectory(data), "still kept");
    }

    @Test
    void aTakenFixedPortIsAOneLineError() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            BrokerStartException e = assertThrows(BrokerStartException.class,
                    () -> EmbeddedKafkaBroker.start(BrokerSettings.DEFAULT.withBrokerPort(taken.getLocalPort())));
            assertEquals("cannot start the Kafka broker: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use", e.getMessage());
        }
    }

    @Test
    void aControllerPortTakenAfterTheProbeIsReportedAsPortInUseWithoutKillingTheJvm() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int brokerPort = LoopbackPorts.free();
            BrokerStartException e = assertThrows(BrokerStartException.class, () -> EmbeddedKafkaBroker.startOn(
                    BrokerSettings.DEFAULT, brokerPort, taken.getLocalPort(), System.nanoTime()));
            assertTrue(e.portInUse(), "the retry trigger is set");
            assertEquals("cannot start the Kafka broker: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use",
                    e.getMessage());
            assertTrue(canBind(brokerPort), "broker port released after the failed start");
        }
    }

    private static void create(Admin admin, List<String> topics, int partitions) throws Exception {
        admin.createTopics(topics.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList()).all()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void assertPartitions(Admin admin, List<String> topics, int expected) throws Exception {
        Map<String, TopicDescription> described =
                admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        assertEquals(Set.copyOf(topics), described.keySet());
        for (TopicDescription topic : described.values()) {
            assertEquals(expected, topic.partitions().size(), topic.name());
        }
    }

    static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static RecordMetadata produce(EmbeddedKafkaBroker broker, String topic, String key, byte[] value,
                                          long timestamp) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, null, timestamp,
                    key.getBytes(StandardCharsets.UTF_8), value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static ConsumerRecord<byte[], byte[]> consumeOne(EmbeddedKafkaBroker broker, String topic, int partition) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(topic, partition)));
            consumer.seekToBeginning(consumer.assignment());
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertEquals(1, records.size(), "exactly one record on " + topic + "-" + partition);
            return records.get(0);
        }
    }

    private static boolean canBind(int port) throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

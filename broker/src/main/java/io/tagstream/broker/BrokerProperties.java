package io.tagstream.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server.properties of a single-node KRaft cluster on 127.0.0.1: combined broker + controller roles, a one-voter
 * dynamic quorum, and replication factor 1 / min ISR 1 for every internal topic (offsets, transactions, share state).
 */
final class BrokerProperties {

    private static final String HOST = "127.0.0.1";
    /** Internal topics get few partitions: creating 50 (Kafka's default) per topic costs seconds on 2 cores. */
    private static final String INTERNAL_TOPIC_PARTITIONS = "4";

    private final int brokerPort;
    private final int controllerPort;
    private final Properties properties;

    BrokerProperties(int brokerPort, int controllerPort, Path logDir, BrokerSettings settings) {
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.properties = build(brokerPort, controllerPort, logDir, settings);
    }

    private static Properties build(int brokerPort, int controllerPort, Path logDir, BrokerSettings settings) {
        Properties p = new Properties();
        String broker = "PLAINTEXT://" + HOST + ":" + brokerPort;
        String controller = "CONTROLLER://" + HOST + ":" + controllerPort;
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        p.setProperty("listeners", broker + "," + controller);
        p.setProperty("advertised.listeners", broker + "," + controller);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("auto.create.topics.enable", Boolean.toString(settings.autoCreateTopics()));
        p.putAll(singleNodeReplication());
        p.putAll(smallFootprint());
        return p;
    }

    private static Properties singleNodeReplication() {
        Properties p = new Properties();
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Few threads and small segments: a laptop-sized broker that starts fast. */
    private static Properties smallFootprint() {
        Properties p = new Properties();
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("background.threads", "2");
        p.setProperty("log.segment.bytes", Integer.toString(8 * 1024 * 1024));
        p.setProperty("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        // Keep records whatever their timestamps: a replay carries the recording's event times (possibly years
        // old), and time-based retention would delete such records at a retention check. This broker's data lives
        // in a temporary directory that is deleted when it stops, so nothing needs expiring while it runs. The first
        // check still runs ~30 s after start and applies topic-level retention.ms (Kafka Streams sets one on its
        // window-store changelogs): the app stamps its context changelog with the append time for that reason.
        p.setProperty("log.retention.ms", "-1");
        p.setProperty("log.retention.check.interval.ms", Long.toString(java.time.Duration.ofDays(365).toMillis()));
        return p;
    }

    String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    int brokerPort() {
        return brokerPort;
    }

    int controllerPort() {
        return controllerPort;
    }

    /**
     * The client and controller ports of the broker whose server.properties is {@code file} (written by
     * {@link #writeTo}): {@code [broker, controller]}.
     */
    static int[] portsIn(Path file) {
        Properties stored = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            stored.load(in);
        } catch (IOException e) {
            throw new BrokerStartException("cannot start the Kafka broker: cannot read " + file + " ("
                    + e.getMessage() + ")");
        }
        Matcher m = Pattern.compile(
                "PLAINTEXT://" + Pattern.quote(HOST) + ":(\\d+),CONTROLLER://"
                        + Pattern.quote(HOST) + ":(\\d+)")
                .matcher(stored.getProperty("listeners", ""));
        if (!m.matches()) {
            throw new BrokerStartException("cannot start the Kafka broker: " + file + " is not a tagstream broker's"
                    + " (listeners '" + stored.getProperty("listeners", "") + "')");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** A copy of the properties. */
    Properties asProperties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** Writes server.properties (as {@code kafka-storage format} and {@code kafka.Kafka} read it); returns the path. */
    Path writeTo(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "tagstream embedded single-node KRaft broker");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

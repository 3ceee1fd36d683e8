package io.tagstream.broker;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What can be chosen about the embedded broker; everything else is fixed single-node settings.
 *
 * @param brokerPort     the client port on 127.0.0.1, or 0 for a free one
 * @param readyTimeout   how long {@link EmbeddedKafkaBroker#start} waits for the broker to answer an admin request
 * @param autoCreateTopics whether producing to an unknown topic creates it (Kafka's default; off makes typos loud)
 * @param dataDir        where the broker keeps its log across restarts, or {@code null} for a temporary directory that
 *                       {@link EmbeddedKafkaBroker#close()} deletes
 */
public record BrokerSettings(int brokerPort, Duration readyTimeout, boolean autoCreateTopics, Path dataDir) {

    /** Free port, 60 s to become ready, topics auto-created as in a stock Kafka, data deleted at close. */
    public static final BrokerSettings DEFAULT = new BrokerSettings(0, Duration.ofSeconds(60), true, null);

    public BrokerSettings {
        if (brokerPort < 0 || brokerPort > 65_535) {
            throw new IllegalArgumentException("broker port must be 0 (any free port) or 1..65535, got " + brokerPort);
        }
        if (readyTimeout == null || readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("broker ready timeout must be positive, got " + readyTimeout);
        }
    }

    /** The same settings on a fixed client port (0 = free). */
    public BrokerSettings withBrokerPort(int port) {
        return new BrokerSettings(port, readyTimeout, autoCreateTopics, dataDir);
    }

    /** The same settings keeping the data in {@code dir} across restarts ({@code null}: temporary). */
    public BrokerSettings withDataDir(Path dir) {
        return new BrokerSettings(brokerPort, readyTimeout, autoCreateTopics, dir);
    }

    /** True when the data outlives the broker. */
    public boolean keepsData() {
        return dataDir != null;
    }
}

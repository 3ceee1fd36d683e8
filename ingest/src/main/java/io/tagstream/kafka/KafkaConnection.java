package io.tagstream.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a Kafka client connects and how: the bootstrap servers plus client settings passed through unchanged (security:
 * {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, ...). Every client tagstream makes (admin, producers,
 * consumers) starts from {@link #clientConfig()}, then sets what it needs itself.
 *
 * @param bootstrapServers "host:port[,host:port...]"
 * @param clientSettings   Kafka client settings by their Kafka names
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> clientSettings) {

    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are required");
        }
        clientSettings = Map.copyOf(clientSettings);
    }

    /** A plain connection: bootstrap servers only. */
    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /** Environment variables with this prefix are Kafka client settings. */
    public static final String ENVIRONMENT_PREFIX = "TAGSTREAM_KAFKA_";

    /**
     * The client settings in {@code environment}: {@code TAGSTREAM_KAFKA_SASL_MECHANISM=PLAIN} is
     * {@code sasl.mechanism=PLAIN} (lower case, '_' to '.'), values stripped.
     */
    public static Map<String, String> settingsFromEnvironment(Map<String, String> environment) {
        Map<String, String> settings = new java.util.TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENVIRONMENT_PREFIX) && name.length() > ENVIRONMENT_PREFIX.length()) {
                settings.put(name.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '.'), value.strip());
            }
        });
        return settings;
    }

    /** A new mutable client config: the pass-through settings, then the bootstrap servers. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(clientSettings);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }
}

package io.tagstream.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    @Test
    void environmentVariablesBecomeClientSettings() {
        Map<String, String> env = Map.of(
                "TAGSTREAM_KAFKA_SECURITY_PROTOCOL", " SASL_SSL ",
                "TAGSTREAM_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "TAGSTREAM_KAFKA_", "ignored: no setting name",
                "TAGSTREAM_BOOTSTRAP_SERVERS", "not a client setting",
                "PATH", "/usr/bin");
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"),
                KafkaConnection.settingsFromEnvironment(env));
    }

    @Test
    void clientConfigIsTheSettingsWithTheBootstrapServersOnTop() {
        KafkaConnection connection = new KafkaConnection("127.0.0.1:9092",
                Map.of("security.protocol", "SSL", "bootstrap.servers", "elsewhere:1"));
        Map<String, Object> config = connection.clientConfig();
        assertEquals(Map.of("security.protocol", "SSL", "bootstrap.servers", "127.0.0.1:9092"), config);
        config.put("acks", "all"); // a fresh mutable map every time
        assertEquals(2, connection.clientConfig().size());
        assertThrows(IllegalArgumentException.class, () -> KafkaConnection.of(" "));
    }
}

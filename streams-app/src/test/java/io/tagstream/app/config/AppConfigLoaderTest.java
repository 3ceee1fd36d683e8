package io.tagstream.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsNeedOnlyTheBootstrapServers() {
        AppConfig config = AppConfigLoader.load(null, Map.of(), Map.of("bootstrap.servers", "127.0.0.1:9092"));
        assertEquals("127.0.0.1:9092", config.bootstrapServers());
        assertEquals("tagstream", config.applicationId());
        assertEquals("exactly_once_v2", config.processingGuarantee());
        assertEquals("tagstream.labels", config.topics().labels());
        assertEquals("127.0.0.1", config.httpHost());
        assertEquals(GapPolicy.CONTINUE, config.gapPolicy());
        assertNull(config.model());
        assertEquals(java.time.Duration.ofMillis(2000), config.modelWarmUp());
        assertTrue(config.kafkaOverrides().isEmpty());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws IOException {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "bootstrap.servers=file:1\napplication.id=from-file\nhttp.port=1000\n"
                + "kafka.security.protocol=SASL_SSL\n");
        Map<String, String> env = Map.of("TAGSTREAM_APPLICATION_ID", "from-env", "TAGSTREAM_HTTP_PORT", "2000",
                "TAGSTREAM_KAFKA_SASL_MECHANISM", "PLAIN", "UNRELATED", "x");
        AppConfig config = AppConfigLoader.load(file, env, Map.of("http.port", "3000"));
        assertEquals("file:1", config.bootstrapServers());
        assertEquals("from-env", config.applicationId());
        assertEquals(3000, config.httpPort());
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"), config.kafkaOverrides());
    }

    @Test
    void unknownKeysAreAnErrorThatNamesThemAndWhere() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "bootstrap.servers=h:1\ncomit.interval.ms=5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppConfigLoader.load(file, Map.of(), Map.of()));
        assertTrue(e.getMessage().startsWith("unknown configuration key comit.interval.ms in bad.properties"),
                e.getMessage());
    }

    @Test
    void badValuesAreOneLineErrorsNamingTheKey() {
        Map<String, String> base = Map.of("bootstrap.servers", "h:1");
        assertEquals("commit.interval.ms must be an integer, got 'soon'", assertThrows(IllegalArgumentException.class,
                () -> AppConfigLoader.load(null, Map.of(), with(base, "commit.interval.ms", "soon"))).getMessage());
        assertEquals("gap.policy must be continue or reset, got 'ignore'", assertThrows(IllegalArgumentException.class,
                () -> AppConfigLoader.load(null, Map.of(), with(base, "gap.policy", "ignore"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AppConfigLoader.load(null, Map.of(), with(base, "processing.guarantee", "exactly_once")))
                .getMessage().startsWith("processing.guarantee must be"));
        assertEquals("model.warm.up.ms must be 0..600000, got -1", assertThrows(IllegalArgumentException.class,
                () -> AppConfigLoader.load(null, Map.of(), with(base, "model.warm.up.ms", "-1"))).getMessage());
        assertEquals("bootstrap.servers is required", assertThrows(IllegalArgumentException.class,
                () -> AppConfigLoader.load(null, Map.of(), Map.of())).getMessage());
    }

    @Test
    void yamlFilesNestKeysByDots() throws IOException {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, "bootstrap:\n  servers: 127.0.0.1:9092\ntopic:\n  labels: my.labels\n  partitions: 8\n"
                + "kafka:\n  security.protocol: SSL\n");
        AppConfig config = AppConfigLoader.load(file, Map.of(), Map.of());
        assertEquals("127.0.0.1:9092", config.bootstrapServers());
        assertEquals("my.labels", config.topics().labels());
        assertEquals(8, config.topics().partitions());
        assertEquals(Map.of("security.protocol", "SSL"), config.kafkaOverrides());

        Path typo = dir.resolve("typo.yml");
        Files.writeString(typo, "bootstrap.servers: h:1\ntopics:\n  labels: x\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppConfigLoader.load(typo, Map.of(), Map.of()))
                .getMessage().startsWith("unknown configuration key topics.labels in typo.yml"));
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertEquals("TAGSTREAM_BOOTSTRAP_SERVERS", AppConfigLoader.environmentName("bootstrap.servers"));
        assertEquals("TAGSTREAM_STREAM_IDLE_TIMEOUT_MS", AppConfigLoader.environmentName("stream.idle.timeout.ms"));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> map = new java.util.HashMap<>(base);
        map.put(key, value);
        return map;
    }
}

package io.tagstream.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.tagstream.kafka.KafkaConnection;
import io.tagstream.kafka.TopicsConfig;
import io.tagstream.labels.SegmentPolicy;

/**
 * Builds an {@link AppConfig} from, in rising precedence: defaults, a {@code .properties} or {@code .yaml} file,
 * environment variables
 * ({@code TAGSTREAM_} + the key upper-cased with dots as underscores, e.g. {@code TAGSTREAM_BOOTSTRAP_SERVERS}), and
 * command-line flags. An unknown key in the file or the flags is an error naming the key; keys starting with
 * {@code kafka.} are passed to the Kafka clients without the prefix (e.g. {@code kafka.security.protocol=SASL_SSL}).
 */
public final class AppConfigLoader {

    static final String KAFKA_PREFIX = "kafka.";

    /**
     * 20 ms: with exactly-once a label is readable when its transaction commits, so the interval adds up to itself to
     * every latency; 10 ms fell behind at 50 live streams (docs/configuration.md).
     */
    public static final int DEFAULT_COMMIT_INTERVAL_MS = 20;

    /**
     * 20 ms, the live interval: by default a task catching up commits as often as a live one. 100 ms makes replays at
     * max speed and backlogs a fifth to a half faster here, but live streams' p99 latency rose by 20-210 ms in the
     * measured runs (docs/configuration.md, "Live and catching up"), so it is a setting, not the default.
     */
    public static final int DEFAULT_CATCH_UP_COMMIT_INTERVAL_MS = DEFAULT_COMMIT_INTERVAL_MS;

    /** Every key with its default ("" = no default). Order is the order of the configuration reference. */
    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("bootstrap.servers", "");
        d.put("application.id", "tagstream");
        d.put("topic.audio", TopicsConfig.DEFAULT.audio());
        d.put("topic.features", TopicsConfig.DEFAULT.features());
        d.put("topic.labels", TopicsConfig.DEFAULT.labels());
        d.put("topic.segments", TopicsConfig.DEFAULT.segments());
        d.put("topic.dlq", TopicsConfig.DEFAULT.dlq());
        d.put("topic.partitions", String.valueOf(TopicsConfig.DEFAULT.partitions()));
        d.put("topic.replication.factor", String.valueOf(TopicsConfig.DEFAULT.replicationFactor()));
        d.put("processing.guarantee", "exactly_once_v2");
        d.put("commit.interval.ms", String.valueOf(DEFAULT_COMMIT_INTERVAL_MS));
        d.put("commit.catchup.interval.ms", String.valueOf(DEFAULT_CATCH_UP_COMMIT_INTERVAL_MS));
        d.put("num.stream.threads", "1");
        d.put("num.standby.replicas", "0");
        d.put("state.dir", Path.of(System.getProperty("java.io.tmpdir"), "tagstream-state").toString());
        d.put("model", "");
        d.put("model.warm.up.ms", "2000");
        d.put("http.host", "127.0.0.1");
        d.put("http.port", "8080");
        d.put("http.auth.token", "");
        d.put("startup.timeout.ms", "30000");
        d.put("health.stall.timeout.ms", "60000");
        d.put("stream.idle.timeout.ms", "30000");
        d.put("gap.policy", "continue");
        d.put("label.batch.max.frames", String.valueOf(LabelBatching.DEFAULT.maxFrames()));
        d.put("label.batch.max.wait.ms", String.valueOf(LabelBatching.DEFAULT.maxWait().toMillis()));
        d.put("segment.min.frames", String.valueOf(SegmentPolicy.DEFAULT.minSegmentFrames()));
        d.put("segment.switch.margin", String.valueOf(SegmentPolicy.DEFAULT.switchMargin()));
        return Collections.unmodifiableMap(d);
    }

    private AppConfigLoader() {
    }

    /**
     * @param file  a properties file, or {@code null}
     * @param env   the environment (System.getenv() in main, a map in tests)
     * @param flags values given on the command line, by key
     */
    public static AppConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        if (file != null) {
            putChecked(values, readFile(file), "in " + file.getFileName());
        }
        putChecked(values, fromEnvironment(env), "in the environment");
        putChecked(values, flags, "on the command line");
        return build(values);
    }

    private static Map<String, String> readFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") ? readYaml(file) : readProperties(file);
    }

    /** A YAML mapping; nested keys join with dots ({@code topic: {labels: x}} is {@code topic.labels=x}). */
    private static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": malformed YAML: " + e.getMessage().lines().findFirst()
                    .orElse(""), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) {
                throw new IllegalArgumentException(file + ": the YAML document must be a mapping of settings");
            }
            flatten("", root, map, file);
        }
        return map;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
        node.fields().forEachRemaining(entry -> {
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                flatten(key, value, out, file);
            } else if (value.isValueNode()) {
                out.put(key, value.asText());
            } else {
                throw new IllegalArgumentException(file + ": " + key + " must be a single value, not a list");
            }
        });
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read configuration: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": malformed properties: " + e.getMessage(), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            map.put(key, properties.getProperty(key).strip());
        }
        return map;
    }

    private static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : DEFAULTS.keySet()) {
            String value = env.get(environmentName(key));
            if (value != null) {
                map.put(key, value.strip());
            }
        }
        KafkaConnection.settingsFromEnvironment(env).forEach((key, value) -> map.put(KAFKA_PREFIX + key, value));
        return map;
    }

    /** {@code bootstrap.servers} -> {@code TAGSTREAM_BOOTSTRAP_SERVERS}. */
    public static String environmentName(String key) {
        return "TAGSTREAM_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static void putChecked(Map<String, String> values, Map<String, String> source, String where) {
        Set<String> unknown = new TreeSet<>();
        source.forEach((key, value) -> {
            if (DEFAULTS.containsKey(key) || key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) {
                values.put(key, value);
            } else {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown configuration key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " " + where + " (known: " + String.join(", ", DEFAULTS.keySet())
                    + ", kafka.*)");
        }
    }

    private static AppConfig build(Map<String, String> v) {
        TopicsConfig topics = new TopicsConfig(v.get("topic.audio"), v.get("topic.features"), v.get("topic.labels"),
                v.get("topic.segments"), v.get("topic.dlq"), integer(v, "topic.partitions"),
                (short) integer(v, "topic.replication.factor"));
        Map<String, String> kafka = new LinkedHashMap<>();
        v.forEach((key, value) -> {
            if (key.startsWith(KAFKA_PREFIX)) {
                kafka.put(key.substring(KAFKA_PREFIX.length()), value);
            }
        });
        String model = v.get("model");
        return new AppConfig(
                v.get("bootstrap.servers"),
                v.get("application.id"),
                topics,
                v.get("processing.guarantee"),
                Duration.ofMillis(integer(v, "commit.interval.ms")),
                Duration.ofMillis(integer(v, "commit.catchup.interval.ms")),
                integer(v, "num.stream.threads"),
                integer(v, "num.standby.replicas"),
                Path.of(v.get("state.dir")),
                model.isEmpty() ? null : Path.of(model),
                Duration.ofMillis(integer(v, "model.warm.up.ms")),
                v.get("http.host"),
                integer(v, "http.port"),
                v.get("http.auth.token"),
                Duration.ofMillis(integer(v, "startup.timeout.ms")),
                Duration.ofMillis(integer(v, "health.stall.timeout.ms")),
                Duration.ofMillis(integer(v, "stream.idle.timeout.ms")),
                gapPolicy(v.get("gap.policy")),
                new SegmentPolicy(integer(v, "segment.min.frames"), decimal(v, "segment.switch.margin")),
                new LabelBatching(integer(v, "label.batch.max.frames"),
                        Duration.ofMillis(integer(v, "label.batch.max.wait.ms"))),
                kafka);
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v.get(key) + "'", e);
        }
    }

    private static double decimal(Map<String, String> v, String key) {
        try {
            return Double.parseDouble(v.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v.get(key) + "'", e);
        }
    }

    private static GapPolicy gapPolicy(String value) {
        try {
            return GapPolicy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gap.policy must be continue or reset, got '" + value + "'", e);
        }
    }
}

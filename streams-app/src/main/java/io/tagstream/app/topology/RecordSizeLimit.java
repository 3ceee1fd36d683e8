package io.tagstream.app.topology;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tagstream.app.config.AppConfig;
import io.tagstream.kafka.KafkaConnection;

/**
 * The largest record the app can write to a topic: the smaller of its producer's {@code max.request.size} and the
 * topic's {@code max.message.bytes} (the topic's own setting, or the broker's {@code message.max.bytes}).
 */
public final class RecordSizeLimit {

    private static final Logger LOG = LoggerFactory.getLogger(RecordSizeLimit.class);

    /** Kafka's default {@code max.request.size}. */
    static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    /** Kafka's default {@code message.max.bytes}. */
    static final int DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private RecordSizeLimit() {
    }

    /** The producer's limit: {@code kafka.producer.max.request.size}, else {@code kafka.max.request.size}. */
    static int producer(AppConfig config) {
        Map<String, String> kafka = config.kafkaOverrides();
        String value = kafka.getOrDefault("producer." + ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                kafka.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (value == null) {
            return DEFAULT_MAX_REQUEST_SIZE;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kafka max.request.size must be an integer, got '" + value + "'", e);
        }
    }

    /**
     * The limit for {@code topic}, asking the cluster for the topic's {@code max.message.bytes}; when the cluster does
     * not answer within 10 s, Kafka's default is assumed (and said in the log).
     */
    public static int forTopic(AppConfig config, String topic) {
        return Math.min(producer(config), topicMaxMessageBytes(config, topic));
    }

    private static int topicMaxMessageBytes(AppConfig config, String topic) {
        Map<String, Object> client = new KafkaConnection(config.bootstrapServers(), config.kafkaOverrides())
                .clientConfig();
        int millis = (int) LOOKUP_TIMEOUT.toMillis();
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        client.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(client)) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(Set.of(resource)).all()
                    .get(millis, TimeUnit.MILLISECONDS);
            ConfigEntry entry = configs.get(resource).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return entry == null || entry.value() == null ? DEFAULT_MAX_MESSAGE_BYTES : Integer.parseInt(entry.value());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("cannot read max.message.bytes of topic {} ({}); assuming Kafka's default {}", topic,
                    e.getCause() == null ? e.toString() : e.getCause().toString(), DEFAULT_MAX_MESSAGE_BYTES);
            return DEFAULT_MAX_MESSAGE_BYTES;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_MAX_MESSAGE_BYTES;
        }
    }
}

package io.tagstream.app.topology;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

import io.tagstream.app.config.AppConfig;

/** The Kafka Streams properties an {@link AppConfig} stands for: the one place config becomes Kafka settings. */
public final class StreamsSettings {

    static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;

    private StreamsSettings() {
    }

    /**
     * @param advertisedServer this instance's REST address ("host:port") for interactive queries across instances
     * @param deadLetters      where the exception handlers send what they cannot use
     */
    public static Properties of(AppConfig config, String advertisedServer, DeadLetters deadLetters) {
        Properties p = new Properties();
        // a crashed instance's streams move on after 10 s without heartbeats, not the consumer default of 45 s
        // (measured: a SIGKILLed instance restarted with the same state dir labelled again 11.6 s after the kill,
        // 35 s with the default); kafka.session.timeout.ms overrides it
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, DEFAULT_SESSION_TIMEOUT_MS);
        // pass-through client settings next (security: SASL/TLS...), so the pipeline's own settings below win
        p.putAll(config.kafkaOverrides());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.streamsCommitInterval().toMillis());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topics().replicationFactor());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedServer);
        // an exception inside a processor, or an output record Kafka refuses: the input record goes to the
        // dead-letter topic, cut to fit, and processing continues; a refused dead letter is dropped and counted,
        // never dead-lettered again (Kafka's own dead-letter records copy the input whole, and one that does not fit
        // fails again: a loop)
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(DeadLetters.CONFIG_KEY, deadLetters);
        return p;
    }
}

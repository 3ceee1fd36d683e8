package io.tagstream.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * While open, Kafka's own loggers (broker, clients, Kafka Streams) report errors only: the demo runs a throw-away
 * single-node cluster whose routine start-up warnings (empty metadata log, state directory under /tmp, ...) would
 * only clutter the live view. Closing restores the levels they had.
 */
public final class QuietKafkaLogs implements AutoCloseable {

    private static final List<String> KAFKA_LOGGERS = List.of("org.apache.kafka", "kafka", "state.change.logger");

    private final Map<Logger, Level> previous = new LinkedHashMap<>();

    public QuietKafkaLogs() {
        for (String name : KAFKA_LOGGERS) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                previous.put(logger, logger.getLevel());
                logger.setLevel(Level.ERROR);
            }
        }
    }

    @Override
    public void close() {
        previous.forEach(Logger::setLevel);
    }
}

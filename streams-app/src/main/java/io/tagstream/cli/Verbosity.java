package io.tagstream.cli;

import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import picocli.CommandLine.Option;

/**
 * {@code --verbose}, on every command that talks to Kafka: Kafka's own loggers at INFO, connection retries included
 * (by default logback.xml keeps Kafka at WARN and its connection retries at ERROR: the command says in one line when
 * it gives up).
 */
final class Verbosity {

    private static final List<String> KAFKA_LOGGERS = List.of("org.apache.kafka", "kafka", "state.change.logger",
            "org.apache.kafka.clients.NetworkClient", "org.apache.kafka.clients.producer.internals.Sender");

    private boolean verbose;

    @Option(names = "--verbose", description = "Show Kafka's own log lines (INFO), connection retries included.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose) {
            for (String name : KAFKA_LOGGERS) {
                if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                    logger.setLevel(Level.INFO);
                }
            }
        }
    }

    boolean verbose() {
        return verbose;
    }
}

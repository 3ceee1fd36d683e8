package io.tagstream.app.metrics;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * One WARN line per task for an exactly-once restart, instead of Kafka Streams' own 5-20 WARN and ERROR lines per task
 * with stack traces. After an instance stopped without committing (a crash, SIGKILL, a broker that went away), Kafka
 * Streams finds each of its tasks "corrupted": the local state may hold uncommitted writes, so it is wiped and
 * restored from the changelogs, and the input is re-read from the last commit. That is the designed recovery, not a
 * fault that needs a person. Installed in logback.xml; every other Kafka line passes unchanged.
 */
public final class ExactlyOnceRestartLogs extends TurboFilter {

    /** The logger our one line per task goes to. */
    static final String LOGGER = "io.tagstream.app.TaskRecovery";
    private static final String KAFKA_INTERNALS = "org.apache.kafka.streams.processor.internals.";
    private static final Pattern TASK = Pattern.compile("(?<![\\w-])(\\d+_\\d+)(?![\\w-])");
    private static final long REPEAT_NANOS = 60_000_000_000L;

    private final Map<String, Long> toldNanos = new ConcurrentHashMap<>();

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (format == null || !level.isGreaterOrEqual(Level.WARN) || !logger.getName().startsWith(KAFKA_INTERNALS)) {
            return FilterReply.NEUTRAL;
        }
        String message = MessageFormatter.arrayFormat(format, params).getMessage();
        if (!isRestartOfUncommittedState(message, t)) {
            return FilterReply.NEUTRAL;
        }
        for (String task : tasksIn(message)) {
            tell(task);
        }
        return FilterReply.DENY;
    }

    private static boolean isRestartOfUncommittedState(String message, Throwable t) {
        return message.contains("TaskCorruptedException") || message.contains(" are corrupted")
                || message.contains("Encounter corrupted task")
                || message.contains("did not find checkpoint offsets while stores are not empty")
                || t != null && t.getClass().getSimpleName().equals("TaskCorruptedException");
    }

    /** The task ids ("0_2") a message names, without the ids inside its thread and client names. */
    static Set<String> tasksIn(String message) {
        Set<String> tasks = new LinkedHashSet<>();
        Matcher m = TASK.matcher(message);
        while (m.find()) {
            tasks.add(m.group(1));
        }
        return tasks;
    }

    private void tell(String task) {
        long now = System.nanoTime();
        Long before = toldNanos.put(task, now);
        if (before == null || now - before > REPEAT_NANOS) {
            LoggerFactory.getLogger(LOGGER).warn("task {}: its state was not committed when it last stopped"
                    + " (exactly-once: a crash, a kill or a lost broker); its stores are restored from their changelogs"
                    + " and its input is re-read from the last commit", task);
        }
    }
}

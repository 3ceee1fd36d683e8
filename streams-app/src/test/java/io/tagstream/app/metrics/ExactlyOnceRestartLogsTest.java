package io.tagstream.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The lines Kafka Streams 4.4 logs for an exactly-once restart (their shapes taken from a FailoverIT run: a restarted
 * instance with four tasks) become one WARN line per task with no stack trace; other Kafka lines pass untouched.
 */
class ExactlyOnceRestartLogsTest {

    private static final String THREAD = "stream-thread [restart-b6fb2b8f-6634-41d1-9c06-bfe3d0798ae9-StreamThread-1] ";
    private static final String CLIENT = "stream-client [restart-b6fb2b8f-6634-41d1-9c06-bfe3d0798ae9] ";
    private static final String INTERNALS = "org.apache.kafka.streams.processor.internals.";

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();
    private final ExactlyOnceRestartLogs filter = new ExactlyOnceRestartLogs();

    @BeforeEach
    void capture() {
        seen.setContext(context);
        seen.start();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(seen);
    }

    @AfterEach
    void release() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(seen);
        context.getTurboFilterList().remove(filter);
    }

    @Test
    void aRestartOfFourTasksIsFourWarnLinesAndNoStackTrace() {
        for (String task : List.of("0_2", "0_0", "0_1", "0_3")) {
            kafka("ProcessorStateManager").warn(CLIENT + "State store {} did not find checkpoint offsets while stores"
                    + " are not empty, since under EOS it has the risk of getting uncommitted data in stores we have to"
                    + " treat it as a task corruption error and wipe out the local state of task {} before"
                    + " re-bootstrapping", "tagstream-audio-state", task);
            kafka("StateDirectory").warn("Failed to register startup state stores for task {}: {}", task,
                    "Tasks [" + task + "] are corrupted and hence need to be re-initialized");
        }
        kafka("TaskManager").error(THREAD + "Get exceptions for the following tasks: {}", Map.of("0_2",
                new IllegalStateException("org.apache.kafka.streams.errors.TaskCorruptedException: Tasks [0_2] are"
                        + " corrupted and hence need to be re-initialized")));
        for (String task : List.of("0_2", "0_0", "0_3", "0_1")) {
            kafka("TaskManager").warn(THREAD + "Encounter corrupted task {}, will group it with other corrupted tasks"
                    + " and handle together", task, new RuntimeException("Tasks [" + task + "] are corrupted"));
        }
        kafka("StreamThread").warn(THREAD + "Detected the states of tasks [0_3, 0_2, 0_1, 0_0] are corrupted. Will"
                + " close the task as dirty and re-create and bootstrap from scratch.");

        assertEquals(4, seen.list.size(), () -> "one line per task: " + seen.list);
        for (ILoggingEvent event : seen.list) {
            assertEquals(Level.WARN, event.getLevel());
            assertEquals(ExactlyOnceRestartLogs.LOGGER, event.getLoggerName());
            assertTrue(event.getFormattedMessage().matches("task 0_[0-3]: its state was not committed .*"),
                    event.getFormattedMessage());
            assertEquals(null, event.getThrowableProxy(), "no stack trace");
        }
        assertEquals(Set.of("0_0", "0_1", "0_2", "0_3"), Set.copyOf(seen.list.stream()
                .map(e -> e.getArgumentArray()[0].toString()).toList()));
    }

    @Test
    void otherKafkaLinesPassUnchanged() {
        kafka("StateDirectory").warn("Using an OS temp directory in the state.dir property can cause failures");
        kafka("TaskManager").error(THREAD + "Failed to process stream task 0_1 due to the following error:",
                new IllegalStateException("boom"));
        assertEquals(2, seen.list.size());
        assertEquals(Level.ERROR, seen.list.get(1).getLevel());
    }

    @Test
    void taskIdsAreFoundButNotInsideThreadOrClientNames() {
        assertEquals(Set.of("0_2", "12_103"), ExactlyOnceRestartLogs.tasksIn(THREAD + "task 0_2 and {12_103=x}"
                + " of app_1-3_4-consumer"));
    }

    private Logger kafka(String simpleName) {
        return context.getLogger(INTERNALS + simpleName);
    }
}

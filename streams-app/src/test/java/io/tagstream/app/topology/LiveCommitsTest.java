package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.config.AppConfigLoader;

/**
 * {@link LiveCommits} asks Kafka's {@link MockProcessorContext} for a commit at most once per interval and stream
 * thread, counted from the end of its last requested commit, whichever task asks, and only for a task that took input
 * since the thread's last request; and the app's settings turn the requests on only when catching up commits less often
 * than live.
 */
class LiveCommitsTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void asksOncePerIntervalAfterTheLastCommitEndedAndOnlyForNewInput() throws Exception {
        LiveCommits commits = LiveCommits.every(Duration.ofMillis(20));
        MockProcessorContext<String, byte[]> taskA = context();
        MockProcessorContext<String, byte[]> taskB = context();
        long inputA = commits.inputTaken(T0);
        long inputB = commits.inputTaken(T0);
        assertTrue(commits.maybeRequest(taskA, T0, inputA));
        assertTrue(taskA.committed(), "the first request");
        assertFalse(commits.maybeRequest(taskB, T0 + 30, inputB), "the thread's request is not seen done yet");
        long afterCommit = commits.inputTaken(T0 + 16);        // task B's next record, after a 16 ms commit
        assertFalse(commits.maybeRequest(taskA, T0 + 40, inputA), "no input since the request it made");
        assertFalse(commits.maybeRequest(taskB, T0 + 40, inputB), "its input came before the thread's request");
        inputB = afterCommit;                                    // input after the request
        assertFalse(commits.maybeRequest(taskB, T0 + 35, inputB), "19 ms after the commit ended");
        assertFalse(taskB.committed());
        assertTrue(commits.maybeRequest(taskB, T0 + 36, inputB), "20 ms after the commit ended, with new input");
        assertTrue(taskB.committed());

        AtomicBoolean otherThread = new AtomicBoolean();
        MockProcessorContext<String, byte[]> taskC = context();
        Thread thread = new Thread(() -> otherThread.set(
                commits.maybeRequest(taskC, T0 + 37, commits.inputTaken(T0 + 37)) && taskC.committed()));
        thread.start();
        thread.join();
        assertTrue(otherThread.get(), "another stream thread asks for its own commit");
    }

    @Test
    void zeroIntervalNeverAsks() {
        LiveCommits commits = LiveCommits.every(Duration.ZERO);
        MockProcessorContext<String, byte[]> task = context();
        assertFalse(commits.maybeRequest(task, T0, commits.inputTaken(T0)));
        assertFalse(commits.maybeRequest(task, T0 + 1_000, commits.inputTaken(T0 + 1_000)));
        assertFalse(task.committed());
    }

    @Test
    void requestsOnlyWhenCatchingUpCommitsLessOften() {
        AppConfig defaults = config(Map.of());
        assertFalse(defaults.liveCommitRequests(), "by default catching up commits as often as live");
        assertEquals(Duration.ofMillis(AppConfigLoader.DEFAULT_COMMIT_INTERVAL_MS), defaults.streamsCommitInterval());

        AppConfig catchUp = config(Map.of("commit.catchup.interval.ms", "100"));
        assertTrue(catchUp.liveCommitRequests());
        assertEquals(Duration.ofMillis(100), catchUp.streamsCommitInterval(),
                "Kafka Streams commits at the catch-up interval");

        AppConfig same = config(Map.of("commit.catchup.interval.ms", "20"));
        assertFalse(same.liveCommitRequests());
        assertEquals(Duration.ofMillis(20), same.streamsCommitInterval());

        AppConfig longLive = config(Map.of("commit.interval.ms", "500"));
        assertFalse(longLive.liveCommitRequests(), "live already commits less often than catching up would");
        assertEquals(Duration.ofMillis(500), longLive.streamsCommitInterval());

        AppConfig everyLoop = config(Map.of("commit.interval.ms", "0"));
        assertFalse(everyLoop.liveCommitRequests(), "0 is Kafka Streams' commit after every round");
        assertEquals(Duration.ZERO, everyLoop.streamsCommitInterval());
    }

    private static AppConfig config(Map<String, String> settings) {
        Map<String, String> flags = new java.util.HashMap<>(settings);
        flags.put("bootstrap.servers", "127.0.0.1:9");
        return AppConfigLoader.load(null, Map.of(), flags);
    }

    private static MockProcessorContext<String, byte[]> context() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "live-commits");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        return new MockProcessorContext<>(props);
    }
}

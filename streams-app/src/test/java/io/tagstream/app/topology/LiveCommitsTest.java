package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/**
 * {@link LiveCommits}' rule on the commit requests it makes (Kafka's own {@link MockProcessorContext} records them):
 * which frames are live, at most one request per interval and thread, the punctuation's request for live labels
 * that went out too soon after the last one, and none with the interval 0.
 */
class LiveCommitsTest {

    @Test
    void liveIsFromOneSecondAheadToAMinuteBehind() {
        assertTrue(LiveCommits.isLive(0));
        assertTrue(LiveCommits.isLive(60_000));
        assertTrue(LiveCommits.isLive(-1_000));
        assertFalse(LiveCommits.isLive(60_001));
        assertFalse(LiveCommits.isLive(-1_001));
        assertFalse(LiveCommits.isLive(30L * 24 * 3600 * 1000)); // a replay with last month's timestamps
    }

    @Test
    void oneRequestPerIntervalAndTheWaitingLabelsAskedForLater() {
        LiveCommits commits = new LiveCommits(Duration.ofMillis(20));
        MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
        commits.maybeRequest(context, 1_000);
        assertFalse(context.committed(), "no live labels sent: no request");

        commits.liveLabelsSent(context, 1_000);
        assertTrue(context.committed(), "the first live labels ask at once");
        context.resetCommit();

        commits.liveLabelsSent(context, 1_005);
        assertFalse(context.committed(), "5 ms after the last request");
        commits.maybeRequest(context, 1_019);
        assertFalse(context.committed(), "19 ms after");
        commits.maybeRequest(context, 1_020);
        assertTrue(context.committed(), "the punctuation asks for the labels of 1 005 once the interval passed");
        context.resetCommit();

        commits.maybeRequest(context, 1_060);
        assertFalse(context.committed(), "nothing waits since");
    }

    @Test
    void eachStreamThreadHasItsOwnInterval() throws Exception {
        LiveCommits commits = new LiveCommits(Duration.ofMillis(20));
        MockProcessorContext<String, byte[]> here = new MockProcessorContext<>();
        commits.liveLabelsSent(here, 1_000);
        assertTrue(here.committed());
        AtomicBoolean other = new AtomicBoolean();
        Thread thread = new Thread(() -> {
            MockProcessorContext<String, byte[]> there = new MockProcessorContext<>();
            commits.liveLabelsSent(there, 1_001);
            other.set(there.committed());
        });
        thread.start();
        thread.join(10_000);
        assertTrue(other.get(), "another thread's first live labels ask at once too");
    }

    @Test
    void intervalZeroNeverAsks() {
        LiveCommits commits = new LiveCommits(Duration.ZERO);
        MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
        commits.liveLabelsSent(context, 1_000);
        commits.maybeRequest(context, 5_000);
        assertFalse(context.committed());
    }
}

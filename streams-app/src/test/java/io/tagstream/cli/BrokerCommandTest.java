package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code tagstream broker}: serves a real broker until told to stop, then releases its port. */
class BrokerCommandTest {

    private static final Pattern READY = Pattern.compile("Kafka broker ready at (127\\.0\\.0\\.1:(\\d+))");

    @Test
    void servesUntilStoppedThenReleasesThePort() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BrokerCommand(stop));
        cli.setOut(new PrintWriter(out, true));
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread running = new Thread(() -> exitCode.set(cli.execute()), "broker-command");
        running.start();

        Matcher ready = awaitReadyLine(out, 60_000);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ready.group(1)))) {
            assertEquals(1, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
        }
        stop.countDown();
        running.join(60_000);
        assertFalse(running.isAlive(), "the command returned after the stop signal");
        assertEquals(0, exitCode.get());
        assertTrue(out.toString().endsWith("Kafka broker stopped." + System.lineSeparator()), out.toString());
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), Integer.parseInt(ready.group(2))));
        }
    }

    @Test
    void aBadPortIsAOneLineUsageError() {
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run("broker", "--port", "70000");
        assertEquals(2, run.exitCode);
        assertEquals("tagstream broker: --port must be 0 (any free port) or 1..65535, got 70000"
                + " (see: tagstream broker --help)", run.err.strip());
    }

    private static Matcher awaitReadyLine(StringWriter out, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            Matcher matcher = READY.matcher(out.toString());
            if (matcher.find()) {
                return matcher;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no ready line within " + timeoutMillis + " ms: " + out);
    }
}

package io.tagstream.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tagstream.kafka.BrokerSettings;
import io.tagstream.kafka.BrokerStartException;
import io.tagstream.kafka.EmbeddedKafkaBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tagstream broker}: a single-node Kafka broker (KRaft) on 127.0.0.1 for local runs of the pipeline. Prints
 * the bootstrap address, serves until Ctrl-C, then stops cleanly and deletes its data.
 */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a single-node Kafka broker (KRaft) on 127.0.0.1 until Ctrl-C.",
            "Its data lives in a temporary directory, deleted when it stops."})
public final class BrokerCommand implements Callable<Integer> {

    /** How long Ctrl-C waits for the broker to shut down before the JVM exits anyway. */
    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0",
            description = "Client port on 127.0.0.1 (default: a free port, printed at start).")
    private int port;

    private final CountDownLatch stopRequested;

    /** Stops on Ctrl-C (JVM shutdown). */
    public BrokerCommand() {
        this(new CountDownLatch(1));
    }

    /** Stops when {@code stopRequested} is counted down, or on Ctrl-C; for tests. */
    BrokerCommand(CountDownLatch stopRequested) {
        this.stopRequested = stopRequested;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--port must be 0 (any free port) or 1..65535, got " + port);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            stopRequested.countDown();
            awaitQuietly(stopped);
        }, "tagstream-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try (EmbeddedKafkaBroker broker = start()) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Kafka broker ready at %s (KRaft, single node, started in %d ms). Ctrl-C to stop.%n",
                    broker.bootstrapServers(), broker.startupTime().toMillis());
            out.flush();
            stopRequested.await();
        } finally {
            stopped.countDown();
            removeHook(onCtrlC);
        }
        spec.commandLine().getOut().println("Kafka broker stopped.");
        return 0;
    }

    private EmbeddedKafkaBroker start() {
        try {
            return EmbeddedKafkaBroker.start(BrokerSettings.DEFAULT.withBrokerPort(port));
        } catch (BrokerStartException e) {
            throw new UserFacingError(e.getMessage(), e);
        }
    }

    private static void awaitQuietly(CountDownLatch stopped) {
        try {
            stopped.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unregisters the Ctrl-C hook; during a JVM shutdown that is impossible and unnecessary. */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running (Ctrl-C): it is waiting for the broker we just stopped
        }
    }
}

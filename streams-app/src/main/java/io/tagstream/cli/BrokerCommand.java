package io.tagstream.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.tagstream.broker.BrokerSettings;
import io.tagstream.broker.BrokerStartException;
import io.tagstream.broker.EmbeddedKafkaBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tagstream broker}: a single-node Kafka broker (KRaft) on 127.0.0.1 for local runs of the pipeline. Prints
 * the bootstrap address, serves until Ctrl-C, then stops cleanly and deletes its data, unless {@code --data-dir}
 * keeps it: then the same command starts the same broker again (same ports, same topics and records).
 */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a single-node Kafka broker (KRaft) on 127.0.0.1 until Ctrl-C.",
            "Its data lives in a temporary directory, deleted when it stops, unless --data-dir keeps it:",
            "started again on the same directory, it comes back with its topics and records on the same ports."})
public final class BrokerCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    private Verbosity verbosity = new Verbosity();

    /** How long Ctrl-C waits for the broker to shut down before the JVM exits anyway. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0",
            description = "Client port on 127.0.0.1 (default: a free port, printed at start).")
    private int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the broker's data here across restarts (default: a temporary directory).")
    private Path dataDir;

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
        try (CtrlC ctrlC = new CtrlC("tagstream-broker", SHUTDOWN_WAIT, stopRequested::countDown);
             EmbeddedKafkaBroker broker = start()) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Kafka broker ready at %s (KRaft, single node, started in %d ms%s). Ctrl-C to stop.%n",
                    broker.bootstrapServers(), broker.startupTime().toMillis(),
                    dataDir == null ? "" : ", data kept in " + dataDir);
            out.flush();
            stopRequested.await();
        }
        spec.commandLine().getOut().println(dataDir == null ? "Kafka broker stopped." : "Kafka broker stopped;"
                + " its data stays in " + dataDir + ".");
        return 0;
    }

    private EmbeddedKafkaBroker start() {
        try {
            return EmbeddedKafkaBroker.start(BrokerSettings.DEFAULT.withBrokerPort(port).withDataDir(dataDir));
        } catch (BrokerStartException e) {
            throw new UserFacingError(e.getMessage(), e);
        }
    }


}

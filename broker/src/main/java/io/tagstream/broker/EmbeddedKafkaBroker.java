package io.tagstream.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller roles) running inside this JVM, bound to
 * 127.0.0.1 only, with its data in a fresh temporary directory that {@link #close()} deletes. Used by the tests, the
 * demo and {@code tagstream broker}.
 *
 * <p>{@link #start()} formats the storage exactly as {@code kafka-storage format --standalone} does, starts the
 * server and returns only once an admin client sees the broker; it fails with a {@link BrokerStartException} within
 * {@link BrokerSettings#readyTimeout()} otherwise.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    /** Free-port attempts when another process grabs a port between our probe and the broker's bind. */
    private static final int PORT_ATTEMPTS = 5;
    private static final String SERVER_PROPERTIES = "server.properties";

    private final KafkaRaftServer server;
    private final BrokerProperties properties;
    private final Path dataDir;
    private final boolean temporary;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, BrokerProperties properties, Path dataDir, boolean temporary,
            Duration startupTime) {
        this.server = server;
        this.properties = properties;
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.startupTime = startupTime;
    }

    /** Starts a broker on free loopback ports with the default settings. */
    public static EmbeddedKafkaBroker start() {
        return start(BrokerSettings.DEFAULT);
    }

    /**
     * Starts a broker. With {@link BrokerSettings#brokerPort()} 0 both ports are picked free and a bind race is
     * retried; a fixed broker port that is taken is reported at once.
     */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        long begin = System.nanoTime();
        Path kept = settings.keepsData() ? settings.dataDir().resolve(SERVER_PROPERTIES) : null;
        if (kept != null && Files.exists(kept)) {
            return restart(settings, kept, begin);
        }
        for (int attempt = 1; ; attempt++) {
            int brokerPort = settings.brokerPort() == 0 ? LoopbackPorts.free() : settings.brokerPort();
            if (settings.brokerPort() != 0 && !LoopbackPorts.isFree(brokerPort)) {
                throw new BrokerStartException("cannot start the Kafka broker: port " + brokerPort
                        + " on 127.0.0.1 is already in use", null, true);
            }
            int controllerPort = freePortOtherThan(brokerPort);
            try {
                return startOn(settings, brokerPort, controllerPort, begin);
            } catch (BrokerStartException e) {
                if (!e.portInUse() || settings.brokerPort() != 0 || attempt == PORT_ATTEMPTS) {
                    throw e;
                }
                LOG.info("port race on 127.0.0.1:{}/{}, retrying with new ports", brokerPort, controllerPort);
            }
        }
    }

    /**
     * Starts the broker whose data is in {@code settings.dataDir()} again, on the ports it was made with: the
     * controller's address is part of the cluster's metadata, and clients reconnect to the same bootstrap address.
     */
    private static EmbeddedKafkaBroker restart(BrokerSettings settings, Path serverProperties, long begin) {
        int[] ports = BrokerProperties.portsIn(serverProperties);
        if (settings.brokerPort() != 0 && settings.brokerPort() != ports[0]) {
            throw new BrokerStartException("cannot start the Kafka broker: " + settings.dataDir() + " holds a broker"
                    + " of port " + ports[0] + "; start it with --port " + ports[0] + " or use another data directory");
        }
        for (int port : ports) {
            if (!LoopbackPorts.isFree(port)) {
                throw new BrokerStartException("cannot start the Kafka broker: port " + port
                        + " on 127.0.0.1 (of the broker in " + settings.dataDir() + ") is already in use", null, true);
            }
        }
        LOG.info("restarting the Kafka broker kept in {}", settings.dataDir());
        return startOn(settings, ports[0], ports[1], begin);
    }

    private static int freePortOtherThan(int port) {
        int candidate = LoopbackPorts.free();
        while (candidate == port) {
            candidate = LoopbackPorts.free();
        }
        return candidate;
    }

    /** One start attempt on the given ports; a port taken meanwhile fails with {@link BrokerStartException#portInUse()}. */
    static EmbeddedKafkaBroker startOn(BrokerSettings settings, int brokerPort, int controllerPort, long begin) {
        Path dataDir = settings.keepsData() ? createKeptDir(settings.dataDir()) : createDataDir();
        BrokerProperties properties = new BrokerProperties(brokerPort, controllerPort, dataDir.resolve("logs"),
                settings);
        KafkaRaftServer server = null;
        FatalFaultGuard guard = FatalFaultGuard.enter();
        try {
            Path serverProperties = properties.writeTo(dataDir.resolve(SERVER_PROPERTIES));
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                formatStorage(serverProperties); // a new cluster; a kept one is started as it is
            }
            server = new KafkaRaftServer(new KafkaConfig(properties.asProperties()), Time.SYSTEM);
            server.startup();
            BrokerReadiness.await(properties.bootstrapServers(), settings.readyTimeout());
        } catch (RuntimeException e) {
            stopQuietly(server);
            deleteIfTemporary(dataDir, settings);
            throw asStartException(e, properties);
        } catch (Error e) {
            stopQuietly(server);
            deleteIfTemporary(dataDir, settings);
            throw e;
        } finally {
            guard.close();
        }
        Duration startupTime = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info("Kafka broker ready at {} in {} ms", properties.bootstrapServers(), startupTime.toMillis());
        return new EmbeddedKafkaBroker(server, properties, dataDir, !settings.keepsData(), startupTime);
    }

    private static void deleteIfTemporary(Path dataDir, BrokerSettings settings) {
        if (!settings.keepsData()) {
            deleteRecursively(dataDir);
        }
    }

    /** {@code kafka-storage format --standalone --ignore-formatted}: a fresh cluster id and a one-voter quorum. */
    private static void formatStorage(Path serverProperties) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "--config", serverProperties.toString(), "--cluster-id", Uuid.randomUuid().toString(),
            "--standalone", "--ignore-formatted"};
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args, out);
        }
        if (exitCode != 0) {
            throw new BrokerStartException("cannot format the Kafka storage: "
                    + output.toString(StandardCharsets.UTF_8).strip().lines().findFirst().orElse("exit code " + exitCode));
        }
    }

    /**
     * Kafka reports a bind failure through its fatal-fault handler, which loses the cause; a port that is still taken
     * after our server has stopped is the evidence that a port conflict made the start fail.
     */
    private static BrokerStartException asStartException(Throwable e, BrokerProperties properties) {
        int takenPort = !LoopbackPorts.isFree(properties.brokerPort()) ? properties.brokerPort()
                : !LoopbackPorts.isFree(properties.controllerPort()) ? properties.controllerPort() : -1;
        if (takenPort > 0) {
            return new BrokerStartException("cannot start the Kafka broker: port " + takenPort
                    + " on 127.0.0.1 is already in use", e, true);
        }
        if (e instanceof BrokerStartException started) {
            return started;
        }
        return new BrokerStartException("cannot start the Kafka broker: " + e, e);
    }

    /** "127.0.0.1:port": the address clients bootstrap from. */
    public String bootstrapServers() {
        return properties.bootstrapServers();
    }

    /** The client (PLAINTEXT) port on 127.0.0.1. */
    public int brokerPort() {
        return properties.brokerPort();
    }

    /** The KRaft controller port on 127.0.0.1. */
    public int controllerPort() {
        return properties.controllerPort();
    }

    /** The directory holding the generated server.properties and the logs; deleted by {@link #close()} if temporary. */
    public Path dataDir() {
        return dataDir;
    }

    /** Wall time from {@link #start} to a ready broker (storage format, startup, first admin response). */
    public Duration startupTime() {
        return startupTime;
    }

    /** Stops the broker, waits for its threads and sockets to close, and deletes its data if temporary. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(server);
        if (temporary) {
            deleteRecursively(dataDir);
        }
        LOG.info("Kafka broker at {} stopped", properties.bootstrapServers());
    }

    private static void stopQuietly(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        FatalFaultGuard guard = FatalFaultGuard.enter();
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker did not shut down cleanly: {}", e.toString());
        } finally {
            guard.close();
        }
    }

    private static Path createKeptDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BrokerStartException("cannot start the Kafka broker: cannot create " + dir + " ("
                    + e.getMessage() + ")");
        }
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("tagstream-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the Kafka broker", e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(EmbeddedKafkaBroker::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.toString());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", path, e.toString());
        }
    }

    /** The server.properties this broker runs with (useful to start the same setup as a separate process). */
    public Properties serverProperties() {
        return properties.asProperties();
    }
}

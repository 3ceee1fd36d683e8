package io.tagstream.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code tagstream} command in a JVM of its own (this JVM's java and class path), its stderr in a log file: what a
 * chaos run kills with SIGKILL and starts again.
 */
final class TagstreamProcess implements AutoCloseable {

    private static final String MAIN = "io.tagstream.cli.TagstreamCommand";

    private final String name;
    private final List<String> args;
    private final Path logDir;
    private Process process;
    private int starts;

    TagstreamProcess(String name, Path logDir, String... args) {
        this.name = name;
        this.logDir = logDir;
        this.args = List.of(args);
    }

    String name() {
        return name;
    }

    /** Starts the command (the n-th start logs to NAME-n.log) and waits until its stderr holds {@code readyText}. */
    void start(String readyText, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), MAIN));
        command.addAll(args);
        Path log = logDir.resolve(name + "-" + (++starts) + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log).contains(readyText)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new IllegalStateException(name + " did not start (see " + log + ")");
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not die within 30 s of SIGKILL");
        }
    }

    /** SIGTERM (the command's Ctrl-C path), then SIGKILL after 40 s. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}

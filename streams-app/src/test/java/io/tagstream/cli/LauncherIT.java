package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tagstream} launcher run as a user runs it, in a process of its own: everything it writes to stderr is
 * read (picocli's writer and logback's console alike), and a bad flag, a bad file or a broker that is not there gives
 * exactly one line and the documented exit code, within the configured time.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "tagstream").toAbsolutePath().normalize();
    /**
     * The JVM's one line when it starts with the Vector API module, which the launcher adds for run, bench, demo, train
     * and eval (and only for them): it comes before anything of ours.
     */
    private static final String VECTOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

    /** Nothing listens on port 1 of 127.0.0.1 (a privileged port no test binds). */
    private static final String NO_BROKER = "127.0.0.1:1";

    @TempDir
    Path work;

    @Test
    void aMissingFileIsOneLineAndExitThree() throws Exception {
        Run run = launch(60, "label", "--input", work.resolve("missing.wav").toString());
        assertEquals(TagstreamCommand.EXIT_BAD_INPUT, run.exit, run.toString());
        assertOneLine(run, "tagstream label: ");
    }

    @Test
    void aBadFlagIsOneLineAndExitTwo() throws Exception {
        Run run = launch(60, "ingest", "--bootstrap", NO_BROKER, "--stream", "x", "--file", "a.wav", "--speed", "0");
        assertEquals(2, run.exit, run.toString());
        assertOneLine(run, "tagstream ingest: ");
    }

    @Test
    void runWithNoBrokerIsOneLineAndExitFourWithinItsTimeout() throws Exception {
        long started = System.nanoTime();
        Run run = launch(60, "run", "--bootstrap", NO_BROKER, "--http-port", "0", "--set", "startup.timeout.ms=3000",
                "--set", "state.dir=" + work.resolve("state"));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(TagstreamCommand.EXIT_KAFKA, run.exit, run.toString());
        assertEquals(VECTOR_NOTICE, run.err.get(0), "run starts with the Vector API: " + run);
        Run ours = new Run(run.exit, run.err.subList(1, run.err.size()));
        assertOneLine(ours, "tagstream run: cannot create topic ");
        assertTrue(ours.err.get(0).contains("within 3000 ms"), ours.err.get(0));
        assertTrue(seconds < 30, "gave up after its 3 s timeout, not later: " + seconds + " s");
    }

    @Test
    void ingestWithNoBrokerIsOneLineAndExitFourWithinItsTimeout() throws Exception {
        Path wav = work.resolve("tone.wav");
        float[] samples = new float[16_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        io.tagstream.features.WavWriter.write(wav, samples, 16_000);
        long started = System.nanoTime();
        Run run = launch(60, "ingest", "--bootstrap", NO_BROKER, "--stream", "x", "--file", wav.toString(),
                "--timeout-ms", "3000");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(TagstreamCommand.EXIT_KAFKA, run.exit, run.toString());
        assertOneLine(run, "tagstream ingest: cannot create topic ");
        assertTrue(seconds < 30, "gave up after its 3 s timeout, not later: " + seconds + " s");
    }

    @Test
    void verboseShowsKafkasConnectionRetries() throws Exception {
        Run run = launch(60, "run", "--verbose", "--bootstrap", NO_BROKER, "--http-port", "0", "--set",
                "startup.timeout.ms=2000", "--set", "state.dir=" + work.resolve("state"));
        assertEquals(TagstreamCommand.EXIT_KAFKA, run.exit, run.toString());
        assertTrue(run.err.stream().anyMatch(l -> l.contains("could not be established")), run.toString());
    }

    private static void assertOneLine(Run run, String prefix) {
        assertEquals(1, run.err.size(), () -> "exactly one line on stderr: " + run);
        assertTrue(run.err.get(0).startsWith(prefix), run.toString());
    }

    /** Runs the launcher with {@code args}; the process is killed if it runs past {@code seconds}. */
    private Run launch(int seconds, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is executable");
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path err = work.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the launcher ran past " + seconds + " s: " + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList());
    }

    private record Run(int exit, List<String> err) {
    }
}

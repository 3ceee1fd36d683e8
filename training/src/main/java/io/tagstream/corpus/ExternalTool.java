package io.tagstream.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A command-line program run with explicit arguments only (no shell), a timeout, and one-line errors. Standard
 * output and error go to files, so a chatty or stuck process can never block us on a full pipe.
 *
 * @param command    the executable (a name on the PATH or a path)
 * @param displayName how messages name the tool, e.g. "sox"
 * @param aptPackage the Debian package that provides it
 */
record ExternalTool(String command, String displayName, String aptPackage) {

    ExternalTool {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(aptPackage, "aptPackage");
    }

    /**
     * Runs the tool with {@code args}; its standard output goes to {@code stdout}, its standard error to
     * {@code stderr} (both overwritten).
     *
     * @throws MissingPackageException if the executable cannot be started
     * @throws CorpusException         if it times out or exits non-zero (the message quotes its first error line)
     */
    void run(List<String> args, Path stdout, Path stderr, Duration timeout) {
        runIn(null, args, stdout, stderr, timeout);
    }

    /** {@link #run} with {@code workingDir} as the tool's working directory (null: this process's). */
    void runIn(Path workingDir, List<String> args, Path stdout, Path stderr, Duration timeout) {
        List<String> commandLine = new ArrayList<>(args.size() + 1);
        commandLine.add(command);
        commandLine.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new MissingPackageException(displayName + " not found (ran '" + command + "')", aptPackage);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CorpusException(displayName + " did not finish within " + timeout.toSeconds() + " s: "
                        + summary(args));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CorpusException(displayName + " was interrupted: " + summary(args), e);
        }
        if (process.exitValue() != 0) {
            throw new CorpusException(displayName + " failed (exit " + process.exitValue() + "): "
                    + firstLine(stderr) + " [" + summary(args) + "]");
        }
    }

    /** The tool's version line (first line of {@code versionArg}'s output), e.g. "sox:      SoX v14.4.2". */
    String version(String versionArg, Path workDir) {
        Path out = workDir.resolve(displayName + "-version.out");
        Path err = workDir.resolve(displayName + "-version.err");
        run(List.of(versionArg), out, err, Duration.ofSeconds(20));
        String line = firstLine(out);
        return line.isEmpty() ? firstLine(err) : line;
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** The arguments, shortened for a one-line message. */
    private static String summary(List<String> args) {
        String joined = String.join(" ", args);
        return joined.length() <= 160 ? joined : joined.substring(0, 157) + "...";
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}

package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.ingest.MicrophoneCapture;

/** {@code tagstream demo}'s flags and the failures reported before anything starts (no broker is started here). */
class DemoCommandTest {

    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void writeModel() throws Exception {
        model = RandomModelFile.write(dir.resolve("random.zip"), 3);
    }

    @Test
    void helpNamesEveryOption() {
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run("demo", "--help");
        assertEquals(0, run.exitCode);
        for (String option : new String[] {"--streams", "--mic", "--seconds", "--speed", "--model", "--port",
            "--no-color", "--labels-out"}) {
            assertTrue(run.out.contains(option), option + " in " + run.out);
        }
    }

    @Test
    void badFlagsAreOneLineUsageErrors() {
        assertOneLine(run("--streams", "0"), 2,
                "tagstream demo: --streams must be 1..32, got 0 (see: tagstream demo --help)");
        assertOneLine(run("--mic", "--streams", "2"), 2, "tagstream demo: --mic labels one live stream: --streams "
                + "and --speed apply to the sample replay only (see: tagstream demo --help)");
        assertOneLine(run("--seconds", "-1"), 2,
                "tagstream demo: --seconds must be > 0 and at most 86400, got -1.0 (see: tagstream demo --help)");
        assertOneLine(run("--port", "70000"), 2,
                "tagstream demo: --port must be 0 (any free port) or 1..65535, got 70000 (see: tagstream demo --help)");
        assertOneLine(run("--speed", "fast"), 2, "tagstream demo: Invalid value for option '--speed'");
    }

    @Test
    void aMissingModelOrUnwritableLabelFileIsBadInput() {
        TagstreamCommandTest.Run noModel = new TagstreamCommandTest.Run("demo", "--model",
                dir.resolve("absent.zip").toString());
        assertOneLine(noModel, TagstreamCommand.EXIT_BAD_INPUT, "tagstream demo: absent.zip: no such file");
        assertOneLine(run("--labels-out", dir.resolve("no/such/dir/labels.jsonl").toString()),
                TagstreamCommand.EXIT_BAD_INPUT, "tagstream demo: --labels-out " + dir.resolve("no/such/dir/labels.jsonl")
                        + ": cannot write");
    }

    /** This build machine has no capture device; where one exists this branch cannot be exercised. */
    @Test
    void theMicrophoneWithoutACaptureDeviceIsAOneLineErrorBeforeKafkaStarts() {
        assumeFalse(MicrophoneCapture.isAvailable(16_000), "this machine has a microphone");
        TagstreamCommandTest.Run run = run("--mic", "--seconds", "1");
        assertEquals(TagstreamCommand.EXIT_BAD_INPUT, run.exitCode);
        assertEquals("tagstream demo: no microphone: no audio capture device supports 16000 Hz 16-bit mono",
                run.err.strip());
        assertEquals("", run.out, "nothing started");
    }

    private static TagstreamCommandTest.Run run(String... flags) {
        String[] args = new String[flags.length + 3];
        args[0] = "demo";
        args[1] = "--model";
        args[2] = model.toString();
        System.arraycopy(flags, 0, args, 3, flags.length);
        return new TagstreamCommandTest.Run(args);
    }

    private static void assertOneLine(TagstreamCommandTest.Run run, int exitCode, String start) {
        assertEquals(exitCode, run.exitCode, run.err);
        String err = run.err.strip();
        assertTrue(err.startsWith(start), "expected '" + start + "...', got: " + err);
        assertEquals(1, err.lines().count(), "one line: " + err);
    }
}

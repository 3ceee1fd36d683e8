package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class TagstreamCommandTest {

    /** Runs the command line exactly as main does, capturing stdout and stderr. */
    static final class Run {
        final int exitCode;
        final String out;
        final String err;

        Run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = TagstreamCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            this.exitCode = cli.execute(args);
            this.out = out.toString();
            this.err = err.toString();
        }
    }

    @Test
    void helpListsTheCommandAndExitsZero() {
        Run run = new Run("--help");
        assertEquals(0, run.exitCode);
        assertTrue(run.out.startsWith("Usage: tagstream"), run.out);
    }

    @Test
    void everySubcommandHasHelp() {
        CommandLine cli = TagstreamCommand.commandLine();
        for (String name : cli.getSubcommands().keySet()) {
            Run run = new Run(name, "--help");
            assertEquals(0, run.exitCode, name + " --help");
            assertTrue(run.out.contains("Usage: tagstream " + name), name + ": " + run.out);
        }
    }

    @Test
    void anUnknownSubcommandIsOneLineAndExitCode2() {
        Run run = new Run("no-such-command");
        assertEquals(2, run.exitCode);
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertTrue(run.err.startsWith("tagstream: Unmatched argument"), run.err);
        assertTrue(run.err.contains("(see: tagstream --help)"), run.err);
        assertFalse(run.err.contains("\tat "), "no stack trace: " + run.err);
    }

    @Test
    void userFacingErrorsPrintTheirFirstLineOnly() {
        assertEquals("x.wav: truncated", UserFacingError.describe(new UserFacingError("x.wav: truncated\nmore")));
        assertEquals("IllegalStateException", UserFacingError.describe(new IllegalStateException()));
    }
}

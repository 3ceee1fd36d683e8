package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.corpus.CorpusManifest;

/** {@code tagstream synth} as a user runs it (real sox and espeak-ng for the one real run). */
class SynthCommandTest {

    @TempDir
    Path tmp;

    @Test
    void helpNamesTheOptions() {
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run("synth", "--help");
        assertEquals(0, run.exitCode);
        for (String option : new String[] {
            "--out", "--minutes", "--seed", "--sources", "--dev-fraction", "--clip-seconds"}) {
            assertTrue(run.out.contains(option), option + " in " + run.out);
        }
    }

    @Test
    void aSmallCorpusIsWrittenAndSummarised() throws IOException {
        Path out = tmp.resolve("corpus");
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run("synth", "--out", out.toString(),
                "--minutes", "0.3", "--seed", "5", "--clip-seconds", "8-12", "--quiet");
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("train: ") && run.out.contains("dev: "), run.out);
        assertTrue(run.err.isEmpty(), "--quiet: " + run.err);
        CorpusManifest manifest = CorpusManifest.read(out.resolve(CorpusManifest.FILE_NAME));
        assertEquals(5, manifest.seed());
        assertTrue(Files.isRegularFile(out.resolve("train/clip-0001.wav")));
        assertTrue(Files.isRegularFile(out.resolve("dev/clip-0001.txt")));

        TagstreamCommandTest.Run again = new TagstreamCommandTest.Run("synth", "--out", out.toString(),
                "--minutes", "0.3", "--seed", "5");
        assertOneLine(again, 3, "tagstream synth: " + out + " is not empty");
    }

    @Test
    void badFlagsAreOneLineUsageErrors() {
        String out = tmp.resolve("x").toString();
        assertOneLine(new TagstreamCommandTest.Run("synth", "--out", out, "--seed", "1"), 2,
                "tagstream synth: Missing required option: '--minutes=N'");
        assertOneLine(new TagstreamCommandTest.Run("synth", "--out", out, "--minutes", "0", "--seed", "1"), 2,
                "tagstream synth: invalid corpus config: minutes must be in (0, 6000], got 0.0");
        assertOneLine(new TagstreamCommandTest.Run("synth", "--out", out, "--minutes", "1", "--seed", "1",
                "--sources", "espeak,midi"), 2, "tagstream synth: Invalid value for option '--sources'");
        assertOneLine(new TagstreamCommandTest.Run("synth", "--out", out, "--minutes", "1", "--seed", "1",
                "--sources", "moh,sox-noise"), 2,
                "tagstream synth: invalid corpus config: no source group for class speech");
        assertOneLine(new TagstreamCommandTest.Run("synth", "--out", out, "--minutes", "1", "--seed", "1",
                "--clip-seconds", "20"), 2, "tagstream synth: --clip-seconds must be MIN-MAX");
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written on a usage error");
    }

    @Test
    void aMissingToolOrPackageNamesTheDebianPackage() {
        String out = tmp.resolve("y").toString();
        assertOneLine(new TagstreamCommandTest.Run("synth", "--out", out, "--minutes", "1", "--seed", "1",
                "--sox", "/nonexistent/sox"), 3, "tagstream synth: sox not found (ran '/nonexistent/sox'):"
                + " install the Debian package sox (apt-get install sox)");
        assertOneLine(new TagstreamCommandTest.Run("synth", "--out", out, "--minutes", "1", "--seed", "1",
                "--espeak", "/nonexistent/espeak-ng"), 3, "tagstream synth: espeak-ng not found");
        assertOneLine(new TagstreamCommandTest.Run("synth", "--out", out, "--minutes", "1", "--seed", "1",
                "--moh", tmp.resolve("no-moh").toString()), 3, "tagstream synth: music-on-hold track");
        TagstreamCommandTest.Run moh = new TagstreamCommandTest.Run("synth", "--out", out, "--minutes", "1",
                "--seed", "1", "--moh", tmp.resolve("no-moh").toString());
        assertTrue(moh.err.contains("(apt-get install asterisk-moh-opsound-wav)"), moh.err);
    }

    private static void assertOneLine(TagstreamCommandTest.Run run, int exitCode, String start) {
        assertEquals(exitCode, run.exitCode, run.err);
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertTrue(run.err.startsWith(start), run.err);
        assertFalse(run.err.contains("\tat "), "no stack trace: " + run.err);
    }
}

package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The MMA songs' text: the style's first groove, a seeded tempo and progression, the same on every machine. */
class MmaSongsTest {

    @Test
    void theFirstDefinedGrooveIsTheSongs() {
        List<String> style = List.of("// Bossa Nova", "Begin Doc", "  A bossa.", "End",
                "Groove Define BossaNovaSus", "DefGroove BossaNova   Standard bossanova beat.",
                "  defgroove BossaNovaSus    Adds sustained choir voices.");
        assertEquals(Optional.of("BossaNova"), MmaSongs.firstGroove(style));
        assertEquals(Optional.empty(), MmaSongs.firstGroove(List.of("// no grooves here", "Begin Doc", "End")));
    }

    @Test
    void aSongIsTheStylesGrooveOverThirtyTwoBarsWithASeededTempo() {
        String song = MmaSongs.song("bossanova", "BossaNova");
        List<String> lines = song.lines().toList();
        int hash = Math.floorMod("bossanova".hashCode(), 1 << 16);
        assertEquals("RndSeed " + hash, lines.get(1), "MMA's humanising is seeded: the same MIDI everywhere");
        assertEquals("Tempo " + (80 + hash % 60), lines.get(2));
        assertEquals("Use stdlib/bossanova", lines.get(3));
        assertEquals("Groove BossaNova", lines.get(4));
        assertEquals(5 + MmaSongs.BARS, lines.size());
        for (int bar = 1; bar <= MmaSongs.BARS; bar++) {
            assertTrue(lines.get(4 + bar).matches(bar + " [A-G][a-z0-9]*"), lines.get(4 + bar));
        }
        assertEquals(lines.get(5).split(" ")[1], lines.get(9).split(" ")[1], "a four-bar progression, repeated");
        assertEquals(song, MmaSongs.song("bossanova", "BossaNova"), "a function of the style alone");
    }

    /**
     * MMA runs in its own directory, so the package root a user gives as a relative path ({@code tagstream sources
     * --cache cache}) must reach it as an absolute one (session 30: MMA was handed {@code cache/extract/mma/usr/bin/mma}
     * inside {@code cache/extract/mma/usr/share/mma} and failed). The stand-in for MMA is a three-line Python program
     * at MMA's place that writes the file {@code -f} names; what is tested is how {@code renderAll} calls it.
     */
    @Test
    void aRelativePackageRootRendersLikeAnAbsoluteOne() throws Exception {
        assumeTrue(python3Runs(), "python3 is needed to run MMA (and its stand-in)");
        Path root = Files.createTempDirectory(Path.of("target"), "mma-root-");   // target/...: a relative path
        Files.createDirectories(root.resolve("usr/share/mma/lib/stdlib"));
        Files.writeString(root.resolve("usr/share/mma/lib/stdlib/bossanova.mma"), "DefGroove BossaNova  a beat.\n");
        Files.createDirectories(root.resolve("usr/bin"));
        Files.writeString(root.resolve("usr/bin/mma"), String.join("\n",
                "import sys",
                "out = sys.argv[sys.argv.index('-f') + 1]",
                "open(out, 'w').write('song ' + sys.argv[-1])", ""), StandardCharsets.UTF_8);
        List<String> progress = new ArrayList<>();
        try (WorkFiles work = new WorkFiles()) {
            MmaSongs.renderAll(root, work, progress::add);
        }
        Path midi = root.resolve("rendered/bossanova.mid");
        assertTrue(Files.readString(midi).startsWith("song /"), "rendered from an absolute song path: " + midi);
        assertEquals(List.of("  mma: 1 styles, 1 songs rendered now"), progress);
    }

    private static boolean python3Runs() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "pass").start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

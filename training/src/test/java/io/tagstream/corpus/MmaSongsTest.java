package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
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
}

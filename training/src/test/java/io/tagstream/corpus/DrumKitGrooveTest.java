package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Grooves on a drum kit: parts from file names, kits from folders, every hit on the sixteenth grid. */
class DrumKitGrooveTest {

    @Test
    void aHitsPartComesFromItsFileName() {
        Map<String, Rhythm.Role> expected = new TreeMap<>();
        for (String kick : List.of("BD_01.aiff.wav", "Kick-1.wav.wav", "VP Kick 3.flac.wav", "ee_kick_low.wav")) {
            expected.put(kick, Rhythm.Role.DOWNBEAT);
        }
        for (String snare : List.of("Snare-2.wav", "SnareOffRim-4.wav", "HandClap-Hard.wav", "sn_03.flac",
                "124382__cubix__8bit-snare.wav")) {
            expected.put(snare, Rhythm.Role.BACKBEAT);
        }
        for (String drive : List.of("HiHatClosed-0.wav", "HH2_01.aiff", "RD_04.aiff", "Ride-0.wav",
                "TambourineFoot-1.wav", "Maraca-Hardest.wav", "104227__minorr__hhat-paiste-302-14-open-p.wav")) {
            expected.put(drive, Rhythm.Role.DRIVE);
        }
        for (String motif : List.of("TomHigh-2.wav", "China-2.wav", "CB_01.aiff", "beats_01-15.flac",
                "101450__menegass__tomh.wav", "BongoLo-Hard.wav")) {
            expected.put(motif, Rhythm.Role.MOTIF);
        }
        expected.forEach((name, role) -> assertEquals(role, DrumKitGroove.roleOf(name), name));
    }

    @Test
    void kitsAreTheFoldersOfEachSource() {
        List<RealRecording> kits = List.of(hit("kits", "Pacific", "BD_01.wav"), hit("kits", "Pacific", "SN_01.wav"),
                hit("kits", "Forzee", "Kick-0.wav"));
        List<RealRecording> dev = List.of(hit("circafrique", "circAfrique v4", "djembe.wav"));
        TreeMap<String, List<RealRecording>> out = DrumKitGroove.kits(List.of(kits, dev));
        assertEquals(List.of("groove:hydrogen-drumkits:circafrique/circAfrique v4",
                "groove:hydrogen-drumkits:kits/Forzee", "groove:hydrogen-drumkits:kits/Pacific"),
                new ArrayList<>(out.keySet()));
        assertEquals(2, out.get("groove:hydrogen-drumkits:kits/Pacific").size());
    }

    @Test
    void everyHitStartsOnTheSixteenthGridAndMostBarsOpenOnTheDownbeat() {
        double bpm = 120;
        int step = Rhythm.stepSamples(bpm);                     // 2,000 samples
        Map<Rhythm.Role, float[]> impulses = new EnumMap<>(Rhythm.Role.class);
        for (Rhythm.Role role : Rhythm.Role.values()) {
            impulses.put(role, new float[] {1});
        }
        int bars = 20;
        float[] x = DrumKitGroove.play(impulses, bars * Rhythm.STEPS * step, bpm, new Random(5));
        int hits = 0;
        int downbeats = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                assertEquals(0, i % step, "a hit off the grid at sample " + i);
                hits++;
                downbeats += i % (Rhythm.STEPS * step) == 0 ? 1 : 0;
            }
        }
        assertTrue(downbeats >= bars * 3 / 4, downbeats + " of " + bars + " bars open on the downbeat");
        assertTrue(hits > 4 * bars, hits + " hits in " + bars + " bars");
    }

    @Test
    void aGrooveIsTheKitsHitsLabelledByTheKitPeakLimitedAndLongHitsCut() {
        List<RealRecording> kit = List.of(hit("kits", "Pacific", "BD_01.wav"), hit("kits", "Pacific", "SN_01.wav"),
                hit("kits", "Pacific", "Ride-0.wav"));
        List<String> loaded = new ArrayList<>();
        RenderedSound groove = DrumKitGroove.make("groove:hydrogen-drumkits:kits/Pacific", kit, 6.0, hit -> {
            loaded.add(hit.file().getFileName().toString());
            float[] ring = new float[5 * Sox.RATE];              // a 5 s ring, cut to 1 s
            java.util.Arrays.fill(ring, 0.25f);
            return ring;
        }, new Random(3));
        assertEquals(List.of("groove:hydrogen-drumkits:kits/Pacific"), groove.sources());
        assertEquals(6 * Sox.RATE, groove.samples().length);
        assertTrue(Loudness.peak(groove.samples()) <= 0.5 + 1e-6);
        assertTrue(Loudness.peak(groove.samples()) > 0.1);
        assertEquals("BD_01.wav", loaded.get(0));                // the downbeat voice is the kick
        assertEquals("SN_01.wav", loaded.get(1));                // the backbeat voice is the snare
    }

    private static RealRecording hit(String source, String kit, String name) {
        return new RealRecording(Path.of("audio", "hydrogen-drumkits", "drumkits", kit, name),
                "hydrogen-drumkits:" + source, 0.3, 44_100);
    }
}

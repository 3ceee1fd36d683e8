package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AugmentationTest {

    @Test
    void narrowingBringsEveryClassToTheSameShareOfTelephoneBandLayers() {
        for (double target : new double[] {ClipComposer.NARROWBAND_SHARE, 0.3}) {
            for (double share : new double[] {0, 0.1, 0.25, 0.29}) {
                double p = ClipComposer.narrowingProbability(share, target);
                assertEquals(target, share + (1 - share) * p, 1e-12, "share " + share);
            }
            assertEquals(0, ClipComposer.narrowingProbability(target, target));
            assertEquals(0, ClipComposer.narrowingProbability(1, target));
        }
    }

    @Test
    void theBandLimitIsAlwaysTheLastEffect() {
        Random random = new Random(4);
        for (int trial = 0; trial < 200; trial++) {
            BandLimit band = BandLimit.random(random);
            assertTrue(band.lowpassHz() >= 3_400 && band.lowpassHz() <= 4_000, band.toString());
            for (Augmentation a : List.of(Augmentation.forSpeech(random, band), Augmentation.forMusic(random, band),
                    Augmentation.forNoise(random, band).narrowedTo(3_600), Augmentation.bandOnly(band))) {
                List<String> effects = a.layerEffects();
                assertEquals(band.soxEffects(), effects.subList(effects.size() - 2, effects.size()), effects.toString());
                assertTrue(a.loadEffects().stream().noneMatch(e -> e.equals("sinc")), "no filter at load");
            }
        }
    }

    @Test
    void aFullBandShareGivesThatShareOfFullBandClipsAndNoneGivesTheV1Draws() {
        Random a = new Random(9);
        Random b = new Random(9);
        for (int trial = 0; trial < 100; trial++) {
            assertEquals(BandLimit.random(a), BandLimit.random(b, 0), "share 0 draws what v1 drew");
        }
        Random r = new Random(10);
        int wide = 0;
        for (int trial = 0; trial < 4_000; trial++) {
            BandLimit band = BandLimit.random(r, 0.5);
            wide += band.wide() ? 1 : 0;
            assertTrue(band.wide() ? band.lowpassHz() >= 7_000 && band.lowpassHz() <= 7_900
                    : band.lowpassHz() >= 3_400 && band.lowpassHz() <= 4_000, band.toString());
        }
        assertEquals(0.5, wide / 4_000.0, 0.03, "binomial sd 0.008");
    }

    @Test
    void effectsAreWrittenAsSoxExpectsThem() {
        Augmentation a = new Augmentation(1.05, -120, List.of(new Augmentation.Equalizer(800, 1.2, -6.5)), 50, 70, 3_600,
                new BandLimit(120, 3_700));
        assertEquals(List.of("speed", "1.0500", "pitch", "-120"), a.loadEffects());
        assertEquals(List.of("equalizer", "800", "1.20q", "-6.5", "reverb", "50", "50", "70", "sinc", "-3600",
                "sinc", "120-3700"), a.layerEffects());
        assertEquals(List.of("sinc", "-3500"), new BandLimit(0, 3_500).soxEffects());
        assertThrows(IllegalArgumentException.class, () -> new BandLimit(0, 4_100));
        assertThrows(IllegalArgumentException.class, () -> new BandLimit(0, 8_000));
        assertEquals(List.of("sinc", "-7500"), new BandLimit(0, 7_500).soxEffects());
        assertThrows(IllegalArgumentException.class, () -> a.narrowedTo(2_000));
    }
}

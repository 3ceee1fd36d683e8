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
        for (double share : new double[] {0, 0.1, 0.4, 0.54}) {
            double p = ClipComposer.narrowingProbability(share);
            assertEquals(ClipComposer.NARROWBAND_SHARE, share + (1 - share) * p, 1e-12, "share " + share);
        }
        assertEquals(0, ClipComposer.narrowingProbability(0.55));
        assertEquals(0, ClipComposer.narrowingProbability(1));
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
    void effectsAreWrittenAsSoxExpectsThem() {
        Augmentation a = new Augmentation(1.05, -120, List.of(new Augmentation.Equalizer(800, 1.2, -6.5)), 50, 70, 3_600,
                new BandLimit(120, 3_700));
        assertEquals(List.of("speed", "1.0500", "pitch", "-120"), a.loadEffects());
        assertEquals(List.of("equalizer", "800", "1.20q", "-6.5", "reverb", "50", "50", "70", "sinc", "-3600",
                "sinc", "120-3700"), a.layerEffects());
        assertEquals(List.of("sinc", "-3500"), new BandLimit(0, 3_500).soxEffects());
        assertThrows(IllegalArgumentException.class, () -> new BandLimit(0, 4_100));
        assertThrows(IllegalArgumentException.class, () -> a.narrowedTo(2_000));
    }
}

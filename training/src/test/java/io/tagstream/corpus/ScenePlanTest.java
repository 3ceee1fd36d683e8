package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ScenePlanTest {

    @Test
    void slotsTileTheClipAndEveryRequiredKindIsThere() {
        Random seeds = new Random(17);
        for (int trial = 0; trial < 300; trial++) {
            int clipSamples = (int) ((5 + 55 * seeds.nextDouble()) * Sox.RATE);
            List<ScenePlan> plans = ScenePlan.plan(clipSamples, new Random(seeds.nextLong()));
            long next = 0;
            Set<SceneKind> kinds = EnumSet.noneOf(SceneKind.class);
            for (ScenePlan p : plans) {
                assertEquals(next, p.slotStart(), "slots are contiguous");
                assertTrue(p.gapSamples() >= 0 && p.sceneSamples() > 0, p.toString());
                assertTrue(p.gapSamples() <= Sox.RATE, "gaps are at most 1 s: " + p);
                next = p.slotStart() + p.gapSamples() + p.sceneSamples();
                kinds.add(p.kind());
            }
            assertEquals(clipSamples, next, "slots end at the clip end");
            assertTrue(kinds.containsAll(SceneKind.REQUIRED), "required kinds in " + kinds);
        }
    }

    @Test
    void theSameRandomStateGivesTheSamePlan() {
        assertEquals(ScenePlan.plan(40 * Sox.RATE, new Random(9)), ScenePlan.plan(40 * Sox.RATE, new Random(9)));
    }

    /** A boost of 1 draws exactly the kinds of the unboosted rule (so corpora made before the option stay the same). */
    @Test
    void aMixtureBoostOfOneDrawsExactlyAsBefore() {
        Random a = new Random(3);
        Random b = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(SceneKind.random(a), SceneKind.random(b, 1));
        }
        assertEquals(ScenePlan.plan(40 * Sox.RATE, new Random(9)), ScenePlan.plan(40 * Sox.RATE, new Random(9), 1));
    }

    /**
     * With a boost of 2 the two speech-over-background kinds (weights 0.13 + 0.13 of 1.00) are drawn with probability
     * 0.52 / 1.26 = 0.4127, each other kind with its weight / 1.26; 200,000 draws, within 0.005 (over 4 standard
     * errors).
     */
    @Test
    void aMixtureBoostMultipliesTheSpeechOverBackgroundWeights() {
        Random r = new Random(11);
        int draws = 200_000;
        int mixtures = 0;
        int speechAlone = 0;
        for (int i = 0; i < draws; i++) {
            SceneKind k = SceneKind.random(r, 2);
            mixtures += k.speechOverBackground() ? 1 : 0;
            speechAlone += k == SceneKind.SPEECH ? 1 : 0;
        }
        assertEquals(0.52 / 1.26, mixtures / (double) draws, 0.005);
        assertEquals(0.20 / 1.26, speechAlone / (double) draws, 0.005);
    }

}

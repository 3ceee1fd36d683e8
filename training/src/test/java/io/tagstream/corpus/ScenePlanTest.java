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
}

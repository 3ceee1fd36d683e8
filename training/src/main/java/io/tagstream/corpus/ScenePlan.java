package io.tagstream.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One slot of a clip: a gap, then a scene of {@code kind}. Slots tile the clip exactly.
 *
 * @param kind         what plays
 * @param slotStart    first clip sample of the slot
 * @param gapSamples   samples of nothing (floor only) before the scene starts
 * @param sceneSamples samples of the scene
 */
record ScenePlan(SceneKind kind, long slotStart, int gapSamples, int sceneSamples) {

    /** First clip sample of the scene itself. */
    long sceneStart() {
        return slotStart + gapSamples;
    }

    /**
     * Slots tiling {@code clipSamples}: one of each {@link SceneKind#REQUIRED} kind (each at most a fifth of the
     * clip) plus random kinds filling the rest, shuffled; 70 % of scenes have a gap of up to 1 s before them.
     */
    static List<ScenePlan> plan(int clipSamples, Random r) {
        return plan(clipSamples, r, 1);
    }

    /** {@link #plan(int, Random)} with the random kinds drawn as {@link SceneKind#random(Random, double)} says. */
    static List<ScenePlan> plan(int clipSamples, Random r, double mixtureBoost) {
        double capSeconds = clipSamples / 5.0 / Sox.RATE;
        List<SceneKind> kinds = new ArrayList<>(SceneKind.REQUIRED);
        List<Integer> lengths = new ArrayList<>();
        long total = 0;
        for (SceneKind k : kinds) {
            int length = (int) (k.randomSeconds(r, capSeconds) * Sox.RATE);
            lengths.add(length);
            total += length;
        }
        while (total < clipSamples && kinds.size() < 1_000) {
            SceneKind k = SceneKind.random(r, mixtureBoost);
            int length = (int) Math.min(clipSamples - total, (long) (k.randomSeconds(r, 15) * Sox.RATE));
            if (clipSamples - total - length < Sox.RATE / 2) {
                length = (int) (clipSamples - total);
            }
            kinds.add(k);
            lengths.add(length);
            total += length;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, r);
        List<ScenePlan> plans = new ArrayList<>();
        long start = 0;
        for (int i : order) {
            int slot = lengths.get(i);
            double maxGapSeconds = Math.min(1.0, slot / 4.0 / Sox.RATE);
            int gap = r.nextDouble() < 0.7 ? (int) (maxGapSeconds * r.nextDouble() * Sox.RATE) : 0;
            plans.add(new ScenePlan(kinds.get(i), start, gap, slot - gap));
            start += slot;
        }
        return plans;
    }
}

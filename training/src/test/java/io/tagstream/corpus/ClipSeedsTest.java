package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ClipSeedsTest {

    @Test
    void mix64MatchesSplitMix64() {
        // java.util.SplittableRandom(0).nextLong() is mix64(0x9E3779B97F4A7C15): an independent implementation
        assertEquals(new java.util.SplittableRandom(0).nextLong(), ClipSeeds.mix64(0x9E37_79B9_7F4A_7C15L));
        assertEquals(new java.util.SplittableRandom(42).nextLong(), ClipSeeds.mix64(42 + 0x9E37_79B9_7F4A_7C15L));
    }

    @Test
    void seedsDependOnCorpusSeedSplitAndIndexOnly() {
        Set<Long> seen = new HashSet<>();
        for (long corpus : new long[] {0, 1, 42, -7}) {
            for (Split split : Split.values()) {
                for (int k = 1; k <= 2_000; k++) {
                    long s = ClipSeeds.of(corpus, split, k);
                    assertEquals(s, ClipSeeds.of(corpus, split, k));
                    seen.add(s);
                }
            }
        }
        assertEquals(4 * 2 * 2_000, seen.size(), "no two clips share a seed");
        assertNotEquals(ClipSeeds.of(1, Split.TRAIN, 1), ClipSeeds.of(1, Split.DEV, 1));
        assertThrows(IllegalArgumentException.class, () -> ClipSeeds.of(1, Split.TRAIN, 0));
    }
}

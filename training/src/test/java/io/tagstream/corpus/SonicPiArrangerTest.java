package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The hit detune: uniform whole semitones within its range, and no random draw at all without it. */
class SonicPiArrangerTest {

    @Test
    void transpositionsCoverTheRangeUniformlyAndNothingOutsideIt() {
        Random r = new Random(7);
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        int draws = 22_000;
        for (int i = 0; i < draws; i++) {
            counts.merge(SonicPiArranger.transposition(5, r), 1, Integer::sum);
        }
        assertEquals(-5, counts.firstKey());
        assertEquals(5, counts.lastKey());
        assertEquals(11, counts.size());
        for (int count : counts.values()) {     // 2,000 expected each; 5 standard deviations is +-212
            assertTrue(Math.abs(count - draws / 11) < 212, counts.toString());
        }
    }

    @Test
    void withoutDetuneNoRandomNumberIsDrawnSoOlderCorporaAreMadeAgainByteForByte() {
        Random used = new Random(11);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, SonicPiArranger.transposition(0, used));
        }
        assertEquals(new Random(11).nextLong(), used.nextLong());
    }
}

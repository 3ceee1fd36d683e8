package io.tagstream.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The collar: which frames are excluded around reference boundaries, by hand and against its definition. */
class CollarMaskTest {

    @Test
    void framesPerSideIsTheCollarInFramesRoundedUp() {
        assertEquals(10, CollarMask.framesPerSide(100, 10));
        assertEquals(11, CollarMask.framesPerSide(105, 10));
        assertEquals(1, CollarMask.framesPerSide(5, 10));
        assertEquals(0, CollarMask.framesPerSide(0, 10));
        assertThrows(IllegalArgumentException.class, () -> CollarMask.framesPerSide(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> CollarMask.framesPerSide(Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> CollarMask.framesPerSide(100, 0));
    }

    @Test
    void aBoundaryExcludesNFramesOnEachSide() {
        int[] reference = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        assertEquals(List.of(5), CollarMask.boundaries(reference));
        // n = 2: frames 5-2 .. 5+2-1 = 3, 4, 5, 6
        assertMask("   xxxx   ", CollarMask.inCollar(reference, 2));
        assertMask("          ", CollarMask.inCollar(reference, 0));
    }

    @Test
    void theCollarIsClippedAtTheStartAndEndOfTheRecording() {
        // boundary at 1, n = 3: frames -2 .. 3 -> 0 .. 3
        assertMask("xxxx    ", CollarMask.inCollar(new int[] {0, 1, 1, 1, 1, 1, 1, 1}, 3));
        // boundary at 7 of 8, n = 3: frames 4 .. 9 -> 4 .. 7
        assertMask("    xxxx", CollarMask.inCollar(new int[] {0, 0, 0, 0, 0, 0, 0, 1}, 3));
    }

    @Test
    void theStartAndEndOfTheRecordingAreNotBoundaries() {
        assertEquals(List.of(), CollarMask.boundaries(new int[] {2, 2, 2, 2}));
        assertMask("    ", CollarMask.inCollar(new int[] {2, 2, 2, 2}, 10));
    }

    @Test
    void zonesOfAdjacentBoundariesOverlap() {
        // a one-frame region of label 1 at frame 5: boundaries 5 and 6, n = 2: 3..6 and 4..7 -> 3..7
        int[] reference = {0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2};
        assertEquals(List.of(5, 6), CollarMask.boundaries(reference));
        assertMask("   xxxxx    ", CollarMask.inCollar(reference, 2));
    }

    @Test
    void edgesOfUnlabelledStretchesAreBoundaries() {
        // -1 = unlabelled: boundaries at 2 (unlabelled -> 0) and 7 (0 -> unlabelled); n = 1: frames 1, 2 and 6, 7
        int[] reference = {-1, -1, 0, 0, 0, 0, 0, -1, -1};
        assertEquals(List.of(2, 7), CollarMask.boundaries(reference));
        assertMask(" xx   xx ", CollarMask.inCollar(reference, 1));
    }

    /** Against the definition: frame k is out iff [k h, (k+1) h) meets (b h - c, b h + c) for some boundary b. */
    @Test
    void randomReferencesMatchTheDefinition() {
        Random random = new Random(41);
        double hop = 10;
        for (int trial = 0; trial < 200; trial++) {
            int[] reference = new int[1 + random.nextInt(80)];
            for (int t = 0; t < reference.length; t++) {
                reference[t] = t > 0 && random.nextInt(5) > 0 ? reference[t - 1] : random.nextInt(4) - 1;
            }
            double collar = random.nextInt(4) == 0 ? 0 : random.nextInt(400) * 0.5;
            boolean[] expected = new boolean[reference.length];
            for (int b = 1; b < reference.length; b++) {
                if (reference[b] != reference[b - 1]) {
                    for (int k = 0; k < reference.length; k++) {
                        expected[k] |= k * hop < b * hop + collar && (k + 1) * hop > b * hop - collar;
                    }
                }
            }
            assertArrayEquals(expected, CollarMask.inCollar(reference, CollarMask.framesPerSide(collar, hop)),
                    "collar " + collar + " ms");
        }
    }

    /** {@code x} = excluded. */
    private static void assertMask(String expected, boolean[] mask) {
        StringBuilder actual = new StringBuilder();
        for (boolean out : mask) {
            actual.append(out ? 'x' : ' ');
        }
        assertEquals(expected, actual.toString());
    }
}

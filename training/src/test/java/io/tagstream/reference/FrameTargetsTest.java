package io.tagstream.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.model.LabelSet;
import org.junit.jupiter.api.Test;

/** Frame targets follow the label region containing each frame's centre; hand-computed cases. */
class FrameTargetsTest {

    private static final int U = FrameTargets.UNLABELLED;

    @Test
    void eachFrameTakesTheRegionHoldingItsCentre() {
        // frame k spans [10k, 10k + 10) ms, centre 10k + 5 ms; regions [0, 30), [30, 55), [70, 100), [100, 200) ms
        String text = "0.000000\t0.030000\tsilence\n0.030000\t0.055000\tspeech\n0.070000\t0.100000\tmusic\n"
                + "0.100000\t0.200000\tnoise\n";
        int[] targets = FrameTargets.of(AudacityLabels.parse(text, "a.txt"), 12, 0.01, LabelSet.DEFAULT, "a.txt");
        // centres 5 15 25 | 35 45 | 55 (end of speech is exclusive) 65 | 75 85 95 | 105 115
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, U, U, 2, 2, 2, 3, 3}, targets);
    }

    @Test
    void synthStyleLabelsOnWholeFramesGiveExactlyTheirFrames() {
        String text = "0.000000\t0.020000\tnoise\n0.020000\t0.050000\tspeech\n0.050000\t0.060000\tsilence\n";
        int[] targets = FrameTargets.of(AudacityLabels.parse(text, "b.txt"), 6, 0.01, LabelSet.DEFAULT, "b.txt");
        assertArrayEquals(new int[] {3, 3, 1, 1, 1, 0}, targets);
    }

    @Test
    void unknownLabelsAndOverlapsAreErrorsNamingTheFile() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> FrameTargets.of(
                AudacityLabels.parse("0\t0.5\tsilence\n0.5\t1\tbirdsong\n", "c.txt"), 100, 0.01, LabelSet.DEFAULT,
                "c.txt"));
        assertTrue(unknown.getMessage().startsWith("c.txt: label 2 'birdsong' is not one of"), unknown.getMessage());
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> FrameTargets.of(
                AudacityLabels.parse("0\t0.5\tsilence\n0.4\t1\tspeech\n", "d.txt"), 100, 0.01, LabelSet.DEFAULT,
                "d.txt"));
        assertTrue(overlap.getMessage().startsWith("d.txt: label 2 overlaps another label at 0.405 s"),
                overlap.getMessage());
    }
}

package io.tagstream.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.tagstream.reference.AudacityLabel;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameMixturesTest {

    private static final List<String> FOUR = ConfusionMatrixTest.FOUR;

    @Test
    void overlappingRegionsNameTheClassesPresentInLabelOrder() {
        // frames of 10 ms, centres 5, 15, ..., 75 ms; music [10, 60) ms, speech [20, 40) ms, noise [50, 70) ms
        List<AudacityLabel> regions = List.of(
                new AudacityLabel(0.020, 0.040, "speech"),
                new AudacityLabel(0.010, 0.060, "music"),
                new AudacityLabel(0.050, 0.070, "noise"));
        String[] expected = {"nothing", "music", "speech + music", "speech + music", "music", "music + noise",
            "noise", "nothing"};
        assertArrayEquals(expected, FrameMixtures.of(regions, 8, 0.010, FOUR));
    }

    @Test
    void regionsPastTheRecordingAreCutAndNoRegionsMeansNothingEverywhere() {
        String[] cut = FrameMixtures.of(List.of(new AudacityLabel(0.015, 0.500, "noise")), 3, 0.010, FOUR);
        assertArrayEquals(new String[] {"nothing", "noise", "noise"}, cut);
        assertArrayEquals(new String[] {"nothing", "nothing"}, FrameMixtures.of(List.of(), 2, 0.010, FOUR));
    }

    @Test
    void classesTheModelDoesNotHaveComeLastInNameOrder() {
        List<AudacityLabel> regions = List.of(new AudacityLabel(0, 0.02, "music"), new AudacityLabel(0, 0.01, "wind"),
                new AudacityLabel(0, 0.01, "applause"));
        assertArrayEquals(new String[] {"music + applause + wind", "music"},
                FrameMixtures.of(regions, 2, 0.010, FOUR));
    }
}

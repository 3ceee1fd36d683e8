package io.tagstream.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.reference.AudacityLabel;
import io.tagstream.model.LabelSet;
import io.tagstream.reference.FrameTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frame by frame, {@link FrameReference} gives what the whole-recording arrays of FrameTargets and CollarMask give. */
class FrameReferenceTest {

    private static final LabelSet LABELS = LabelSet.DEFAULT;

    @Test
    void labelsAndCollarsEqualTheArraysOverRandomRegions() {
        Random random = new Random(15);
        int refused = 0;
        for (int trial = 0; trial < 300; trial++) {
            int frames = random.nextInt(400);
            double hop = random.nextBoolean() ? 0.01 : 0.016;
            List<AudacityLabel> regions = randomRegions(random, frames * hop, random.nextBoolean());
            int collar = random.nextInt(12);
            String what = "trial " + trial + " " + regions;
            int[] targets;
            try {
                targets = FrameTargets.of(regions, frames, hop, LABELS, "ref.txt");
            } catch (IllegalArgumentException expected) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> new FrameReference(regions, frames, hop, LABELS, collar, "ref.txt"), what);
                assertEquals(expected.getMessage(), e.getMessage(), what);
                refused++;
                continue;
            }
            boolean[] inCollar = CollarMask.inCollar(targets, collar);
            FrameReference reference = new FrameReference(regions, frames, hop, LABELS, collar, "ref.txt");
            for (int k = 0; k < frames; k++) {
                assertEquals(targets[k], reference.label(k), what + " frame " + k);
                assertEquals(inCollar[k], reference.inCollar(k), what + " collar of frame " + k);
            }
        }
        assertTrue(refused > 20 && refused < 200, "overlapping regions refused in " + refused + " of 300 trials");
    }

    @Test
    void anUnknownLabelIsNamedWithItsLine() {
        List<AudacityLabel> regions = List.of(new AudacityLabel(0, 1, "speech"), new AudacityLabel(1, 2, "cough"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FrameReference(regions, 300, 0.01, LABELS, 10, "ref.txt"));
        assertEquals("ref.txt: label 2 'cough' is not one of [silence, speech, music, noise]", e.getMessage());
    }

    /** Regions in random order; mostly disjoint and adjacent, sometimes overlapping, gapped or past the end. */
    private static List<AudacityLabel> randomRegions(Random random, double seconds, boolean overlapping) {
        List<AudacityLabel> regions = new ArrayList<>();
        double t = random.nextDouble() * 0.1;
        while (t < seconds * 1.1) {
            double length = 0.005 + random.nextDouble() * seconds / 4;
            regions.add(new AudacityLabel(t, t + length, LABELS.names().get(random.nextInt(LABELS.size()))));
            t += length + (random.nextInt(3) == 0 ? random.nextDouble() * 0.05 : 0);
            if (overlapping && random.nextInt(5) == 0) {
                t -= random.nextDouble() * length;
            }
        }
        java.util.Collections.shuffle(regions, random);
        return regions;
    }
}

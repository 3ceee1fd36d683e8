package io.tagstream.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tagstream.reference.AudacityLabel;
import io.tagstream.evaluation.ConfusionMatrix;
import io.tagstream.model.LabelSet;
import io.tagstream.reference.LabelSpan;

/** Reference labels per frame, the collar, accuracy and segment matching, on hand-computed cases (10 ms frames). */
class ReferenceTrackTest {

    /** 0-0.2 s speech, 0.2-0.4 s music: 40 frames, one boundary at frame 20. */
    private static final List<AudacityLabel> TWO_REGIONS = List.of(
            new AudacityLabel(0.0, 0.2, "speech"), new AudacityLabel(0.2, 0.4, "music"));

    @Test
    void framesTakeTheLabelAtTheirCentreAndTheCollarHidesBothSidesOfABoundary() {
        ReferenceTrack track = ReferenceTrack.of(TWO_REGIONS, 40, 10, 50, LabelSet.DEFAULT, "two.txt");
        assertEquals("speech", track.label(19));
        assertEquals("music", track.label(20));
        // 50 ms collar, 10 ms frames: the 5 frames before and the 5 after the boundary (15..24) are not scored
        for (int k = 0; k < 40; k++) {
            assertEquals(k < 15 || k > 24, track.isScored(k), "frame " + k);
        }
    }

    @Test
    void accuracyCountsScoredFramesOnly() {
        ReferenceTrack track = ReferenceTrack.of(TWO_REGIONS, 40, 10, 50, LabelSet.DEFAULT, "two.txt");
        List<String> allSpeech = Collections.nCopies(40, "speech");
        ConfusionMatrix scores = track.score(allSpeech);
        assertEquals(30, scores.total()); // 40 - 10 in the collar
        assertEquals(15, scores.correct()); // frames 0..14
        assertEquals(15, scores.count(2, 1)); // music frames 25..39 taken for speech
        // only the first 18 frames received: 15 scored, all correct
        ConfusionMatrix early = track.score(allSpeech.subList(0, 18));
        assertEquals(15, early.total());
        assertEquals(15, early.correct());
    }

    @Test
    void uncoveredFramesAreNeitherLabelledNorScoredAndTheirEdgesAreBoundaries() {
        List<AudacityLabel> gap = List.of(new AudacityLabel(0.0, 0.2, "noise"), new AudacityLabel(0.3, 0.5, "noise"));
        ReferenceTrack track = ReferenceTrack.of(gap, 50, 10, 20, LabelSet.DEFAULT, "gap.txt");
        assertNull(track.label(25));
        List<Integer> scored = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            if (track.isScored(k)) {
                scored.add(k);
            }
        }
        // boundaries at frames 20 and 30, collar 2 frames each side: 18..21 and 28..31 out, 20..29 unlabelled
        List<Integer> expected = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            if (k < 18 || k > 31) {
                expected.add(k);
            }
        }
        assertEquals(expected, scored);
        assertEquals(List.of(new LabelSpan<>(0, 20, "noise"), new LabelSpan<>(30, 50, "noise")), track.segments());
    }

    @Test
    void aReferenceSegmentIsMatchedWhenFoundSegmentsOfItsLabelCoverHalfOfIt() {
        ReferenceTrack track = ReferenceTrack.of(TWO_REGIONS, 40, 10, 0, LabelSet.DEFAULT, "two.txt");
        // speech found on 0..10 (exactly half of 0..20), music on 30..40 (half of 20..40)
        assertEquals(2, track.matchedSegments(List.of(new LabelSpan<>(0, 10, "speech"), new LabelSpan<>(10, 30, "noise"),
                new LabelSpan<>(30, 40, "music"))));
        // speech on 0..9 is less than half; music wrong label
        assertEquals(0, track.matchedSegments(List.of(new LabelSpan<>(0, 9, "speech"), new LabelSpan<>(9, 40, "noise"))));
        assertEquals(1, track.matchedSegments(List.of(new LabelSpan<>(0, 40, "speech"))));
    }

    @Test
    void aReferenceLabelTheModelDoesNotKnowIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceTrack.of(
                List.of(new AudacityLabel(0, 1, "laughter")), 100, 10, 100, LabelSet.DEFAULT, "odd.txt"));
        assertTrue(e.getMessage().contains("odd.txt") && e.getMessage().contains("laughter"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}

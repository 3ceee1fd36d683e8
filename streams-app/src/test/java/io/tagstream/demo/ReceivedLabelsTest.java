package io.tagstream.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tagstream.model.LabelSet;
import io.tagstream.reference.LabelSpan;
import io.tagstream.wire.LabelRecord;
import io.tagstream.wire.SegmentRecord;

/** A stream has ended only with all its labels and its closing segment; labels out of frame order are set aside. */
class ReceivedLabelsTest {

    private static final List<String> LABELS = LabelSet.DEFAULT.names();

    @Test
    void endsWithTheLastLabelAndTheSegmentClosedAtTheEndOfStream() {
        ReceivedLabels stream = new ReceivedLabels("s", 10);
        stream.label(label(0, "noise", 0.75f), 5);
        stream.label(label(1, "noise", 0.5f), 6);
        stream.segment(new SegmentRecord("s", 0, 20, "noise", 0.6));
        assertFalse(stream.ended(), "the frame count is not known yet (a live stream)");
        stream.expect(3);
        assertFalse(stream.ended(), "2 of 3 labels");
        stream.label(label(2, "music", 0.25f), 7);
        assertFalse(stream.ended(), "the last segment ends at frame 2, not 3");
        stream.segment(new SegmentRecord("s", 20, 30, "music", 0.25));
        assertTrue(stream.ended());
        assertEquals("music", stream.current());
        assertEquals(0.25, stream.confidence());
        assertEquals(List.of("noise", "noise", "music"), stream.labels());
        assertArrayEquals(new long[] {5, 6, 7}, stream.arrivalNanos());
        assertEquals(List.of(new LabelSpan<>(0, 2, "noise"), new LabelSpan<>(2, 3, "music")), stream.segments());
    }

    @Test
    void duplicatesAndGapsAreCountedNotStored() {
        ReceivedLabels stream = new ReceivedLabels("s", 10);
        stream.label(label(0, "speech", 1f), 1);
        stream.label(label(0, "speech", 1f), 2); // duplicate
        stream.label(label(5, "speech", 1f), 3); // gap
        assertEquals(1, stream.received());
        assertEquals(2, stream.unexpected());
        assertEquals(List.of(), stream.labelsFrom(1));
    }

    private static LabelRecord label(long frame, String label, float p) {
        float[] probabilities = new float[LABELS.size()];
        probabilities[LABELS.indexOf(label)] = p;
        return new LabelRecord("s", frame, frame * 10, frame * 10 + 10, label, LABELS, probabilities, "m");
    }
}

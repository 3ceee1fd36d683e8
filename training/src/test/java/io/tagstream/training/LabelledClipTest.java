package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.tagstream.reference.FrameTargets;

/** A clip keeps its frames exactly (flat inside), and refuses counts or widths that do not match. */
class LabelledClipTest {

    private static final float[][] FRAMES = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}};

    @Test
    void framesComeBackAsGiven() {
        LabelledClip clip = new LabelledClip("a.wav", FRAMES, new int[] {0, 1, FrameTargets.UNLABELLED, 2});
        assertEquals(4, clip.length());
        assertEquals(3, clip.dims());
        assertArrayEquals(FRAMES, clip.frames());
        assertEquals(8f, clip.value(2, 1));
        assertArrayEquals(new int[] {0, 1, FrameTargets.UNLABELLED, 2}, clip.targets());
        float[] destination = new float[8];
        clip.copyFrames(1, 2, destination, 1);
        assertArrayEquals(new float[] {0, 4, 5, 6, 7, 8, 9, 0}, destination);
    }

    @Test
    void anEmptyClipHasNoFrames() {
        LabelledClip clip = new LabelledClip("empty.wav", new float[0][], new int[0]);
        assertEquals(0, clip.length());
        assertEquals(0, clip.frames().length);
    }

    @Test
    void countsAndWidthsMustMatch() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> new LabelledClip("a.wav", FRAMES, new int[3]));
        assertEquals("a.wav: 4 frames but 3 targets", count.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> new LabelledClip("b.wav", new float[][] {{1, 2}, {3}}, new int[2]));
        assertEquals("b.wav: frame 1 has 1 values, frame 0 has 2", width.getMessage());
    }
}

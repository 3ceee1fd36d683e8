package io.tagstream.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.tagstream.corpus.SoundClass;

class AudacityLabelsTest {

    @Test
    void formatsExactSecondsTabSeparated() {
        String text = AudacityLabels.format(List.of(
                new LabelSpan<>(0, 123, SoundClass.SILENCE),
                new LabelSpan<>(123, 100_001, SoundClass.SPEECH)), SoundClass::label, 10_000);
        assertEquals("0.000000\t1.230000\tsilence\n1.230000\t1000.010000\tspeech\n", text);
    }

    @Test
    void runsTileTheFramesAndParseBackToTheSameSpans() {
        Random random = new Random(3);
        SoundClass[] classes = SoundClass.values();
        for (int trial = 0; trial < 100; trial++) {
            SoundClass[] perFrame = new SoundClass[1 + random.nextInt(500)];
            for (int f = 0; f < perFrame.length; f++) {
                perFrame[f] = f > 0 && random.nextDouble() < 0.8 ? perFrame[f - 1] : classes[random.nextInt(4)];
            }
            List<LabelSpan<SoundClass>> spans = LabelSpan.runs(perFrame);
            long next = 0;
            for (int i = 0; i < spans.size(); i++) {
                LabelSpan<SoundClass> s = spans.get(i);
                assertEquals(next, s.startFrame(), "no gap, no overlap");
                for (long f = s.startFrame(); f < s.endFrame(); f++) {
                    assertEquals(perFrame[(int) f], s.label());
                }
                assertTrue(i == 0 || spans.get(i - 1).label() != s.label(), "runs are maximal");
                next = s.endFrame();
            }
            assertEquals(perFrame.length, next);

            List<AudacityLabel> parsed = AudacityLabels.parse(AudacityLabels.format(spans, SoundClass::label, 10_000), "t.txt");
            assertEquals(spans.size(), parsed.size());
            for (int i = 0; i < spans.size(); i++) {
                assertEquals(spans.get(i).startFrame() / 100.0, parsed.get(i).startSeconds(), 1e-9);
                assertEquals(spans.get(i).endFrame() / 100.0, parsed.get(i).endSeconds(), 1e-9);
                assertEquals(spans.get(i).label().label(), parsed.get(i).label());
            }
        }
    }

    @Test
    void parsingSkipsBlankAndSpectralLinesAndNamesTheBadLine() {
        List<AudacityLabel> labels = AudacityLabels.parse("0\t1.5\tmusic\r\n\\\t100\t4000\n\n1.5\t2\tnoise\n", "a.txt");
        assertEquals(List.of(new AudacityLabel(0, 1.5, "music"), new AudacityLabel(1.5, 2, "noise")), labels);

        IllegalArgumentException fields = assertThrows(IllegalArgumentException.class,
                () -> AudacityLabels.parse("0\t1\tmusic\n1 2 noise\n", "b.txt"));
        assertEquals("b.txt:2: expected start<TAB>end<TAB>label, got 1 field(s)", fields.getMessage());
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> AudacityLabels.parse("x\t1\tmusic\n", "c.txt"));
        assertTrue(number.getMessage().startsWith("c.txt:1: "), number.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AudacityLabels.parse("2\t1\tmusic\n", "d.txt"));
    }
}

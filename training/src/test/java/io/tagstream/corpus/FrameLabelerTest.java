package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.tagstream.reference.LabelSpan;

class FrameLabelerTest {

    private static final int F = FrameEnergy.FRAME;

    /** A layer of class c sounding at constant amplitude over frames [from, to) of the clip. */
    private static Layer block(SoundClass c, int from, int to, double dbfs) {
        float[] x = new float[(to - from) * F];
        Arrays.fill(x, (float) Loudness.amplitude(dbfs));
        return new Layer(c, (long) from * F, x, List.of("test"));
    }

    @Test
    void speechWinsOverMusicWinsOverNoiseAndSilenceIsWhatIsLeft() {
        List<Layer> layers = List.of(
                block(SoundClass.SILENCE, 0, 100, -30),   // a floor: never a label source, however loud
                block(SoundClass.MUSIC, 10, 60, -20),
                block(SoundClass.NOISE, 50, 90, -10),
                block(SoundClass.SPEECH, 20, 30, -35));
        SoundClass[] labels = FrameLabeler.label(100, layers);
        List<LabelSpan> expected = List.of(
                new LabelSpan<>(0, 10, SoundClass.SILENCE),
                new LabelSpan<>(10, 20, SoundClass.MUSIC),
                new LabelSpan<>(20, 30, SoundClass.SPEECH),
                new LabelSpan<>(30, 60, SoundClass.MUSIC),
                new LabelSpan<>(60, 90, SoundClass.NOISE),
                new LabelSpan<>(90, 100, SoundClass.SILENCE));
        assertEquals(expected, LabelSpan.runs(labels));
    }

    @Test
    void presenceKeepsWhatTheLabelHidesAsOverlappingSpansPerClass() {
        List<Layer> layers = List.of(
                block(SoundClass.SILENCE, 0, 100, -30),
                block(SoundClass.MUSIC, 10, 60, -20),
                block(SoundClass.NOISE, 50, 90, -10),
                block(SoundClass.SPEECH, 20, 30, -35));
        ClassPresence presence = FrameLabeler.presence(100, layers);
        assertEquals(List.of(
                new LabelSpan<>(20, 30, SoundClass.SPEECH),
                new LabelSpan<>(10, 60, SoundClass.MUSIC),
                new LabelSpan<>(50, 90, SoundClass.NOISE)), presence.spans());
        assertArrayEquals(FrameLabeler.label(100, layers), presence.labels());
    }

    @Test
    void shortPausesInsideAClassAreBridgedLongOnesAreNot() {
        int speechGap = FrameLabeler.maxGapFrames(SoundClass.SPEECH);
        List<Layer> layers = List.of(
                block(SoundClass.SPEECH, 0, 10, -20),
                block(SoundClass.SPEECH, 10 + speechGap, 20 + speechGap, -20),        // gap = limit: bridged
                block(SoundClass.SPEECH, 21 + 2 * speechGap, 30 + 2 * speechGap, -20)); // gap = limit + 1: not
        SoundClass[] labels = FrameLabeler.label(30 + 2 * speechGap, layers);
        assertEquals(List.of(
                new LabelSpan<>(0, 20 + speechGap, SoundClass.SPEECH),
                new LabelSpan<>(20 + speechGap, 21 + 2 * speechGap, SoundClass.SILENCE),
                new LabelSpan<>(21 + 2 * speechGap, 30 + 2 * speechGap, SoundClass.SPEECH)), LabelSpan.runs(labels));
    }

    @Test
    void inaudiblePartsOfALayerDoNotCount() {
        // loud, then 60 frames (longer than music's 50-frame bridge) 45 dB down and under the floor, then loud
        float[] x = new float[80 * F];
        Arrays.fill(x, 0, 10 * F, (float) Loudness.amplitude(-20));
        Arrays.fill(x, 10 * F, 70 * F, (float) Loudness.amplitude(-65));
        Arrays.fill(x, 70 * F, 80 * F, (float) Loudness.amplitude(-20));
        SoundClass[] labels = FrameLabeler.label(100, List.of(new Layer(SoundClass.MUSIC, 0, x, List.of("m"))));
        assertEquals(List.of(new LabelSpan<>(0, 10, SoundClass.MUSIC), new LabelSpan<>(10, 70, SoundClass.SILENCE),
                new LabelSpan<>(70, 80, SoundClass.MUSIC), new LabelSpan<>(80, 100, SoundClass.SILENCE)),
                LabelSpan.runs(labels));
    }

    /**
     * Random layouts of constant blocks (levels -40..-10 dBFS, blocks of one class further apart than its bridging
     * limit) against the rule written out directly: a frame's label is the highest class with a block on it.
     */
    @Test
    void randomLayoutsMatchThePriorityRuleWrittenOutDirectly() {
        Random random = new Random(5);
        SoundClass[] sounding = {SoundClass.NOISE, SoundClass.MUSIC, SoundClass.SPEECH};
        for (int trial = 0; trial < 200; trial++) {
            int frames = 50 + random.nextInt(400);
            List<Layer> layers = new ArrayList<>();
            SoundClass[] expected = new SoundClass[frames];
            Arrays.fill(expected, SoundClass.SILENCE);
            for (SoundClass c : sounding) {
                int at = random.nextInt(40);
                while (at < frames) {
                    int length = 1 + random.nextInt(60);
                    int to = Math.min(frames, at + length);
                    layers.add(block(c, at, to, -40 + 30 * random.nextDouble()));
                    for (int f = at; f < to; f++) {
                        if (c.outranks(expected[f])) {
                            expected[f] = c;
                        }
                    }
                    at = to + FrameLabeler.maxGapFrames(c) + 1 + random.nextInt(50);
                }
            }
            assertArrayEquals(expected, FrameLabeler.label(frames, layers), "trial " + trial);
        }
    }

    /** Speech -35 dBFS over music -20 dBFS: 15 dB below it. */
    @Test
    void speechFartherBelowTheBackgroundThanTheMaskingMarginIsNotSpeech() {
        List<Layer> layers = List.of(block(SoundClass.MUSIC, 0, 100, -20), block(SoundClass.SPEECH, 20, 60, -35));
        List<LabelSpan<SoundClass>> heard = List.of(new LabelSpan<>(0, 20, SoundClass.MUSIC),
                new LabelSpan<>(20, 60, SoundClass.SPEECH), new LabelSpan<>(60, 100, SoundClass.MUSIC));
        assertEquals(heard, LabelSpan.runs(FrameLabeler.label(100, layers)));               // off: the old rule
        assertEquals(heard, LabelSpan.runs(FrameLabeler.presence(100, layers, 15.5).labels()));
        assertEquals(List.of(new LabelSpan<>(0, 100, SoundClass.MUSIC)),
                LabelSpan.runs(FrameLabeler.presence(100, layers, 14.5).labels()));
        assertEquals(List.of(new LabelSpan<>(0, 100, SoundClass.MUSIC)),
                FrameLabeler.presence(100, layers, 10).spans());     // masked speech is not present at all
    }

    /**
     * The background is the music and noise together: -30 and -30 dBFS sum to 10 log10(2e-3) = -26.99 dBFS, so speech
     * at -28 dBFS is 1.01 dB below it; the floor, at -20 dBFS, does not count.
     */
    @Test
    void theMarginIsAgainstTheSummedMusicAndNoiseNotTheFloor() {
        List<Layer> layers = List.of(block(SoundClass.SILENCE, 0, 50, -20), block(SoundClass.MUSIC, 0, 50, -30),
                block(SoundClass.NOISE, 0, 50, -30), block(SoundClass.SPEECH, 10, 40, -28));
        assertEquals(List.of(new LabelSpan<>(0, 50, SoundClass.MUSIC)),
                LabelSpan.runs(FrameLabeler.presence(50, layers, 1.0).labels()));
        assertEquals(List.of(new LabelSpan<>(0, 10, SoundClass.MUSIC), new LabelSpan<>(10, 40, SoundClass.SPEECH),
                new LabelSpan<>(40, 50, SoundClass.MUSIC)),
                LabelSpan.runs(FrameLabeler.presence(50, layers, 1.02).labels()));
    }

    /** Speech with nothing under it is never masked, even with a margin of 0 dB. */
    @Test
    void speechAloneIsNeverMasked() {
        List<Layer> layers = List.of(block(SoundClass.SILENCE, 0, 50, -70), block(SoundClass.SPEECH, 10, 40, -50));
        assertArrayEquals(FrameLabeler.label(50, layers), FrameLabeler.presence(50, layers, 0).labels());
    }

    /**
     * Masked frames inside speech are bridged like pauses: loud words (-20) with quieter stretches (-45) over
     * music at -30; the stretches are 15 dB below the music, masked with a 10 dB margin. A masked stretch as long as
     * speech's bridging limit is still speech; one frame longer, it is music.
     */
    @Test
    void maskedStretchesInsideSpeechAreBridgedLikePauses() {
        int gap = FrameLabeler.maxGapFrames(SoundClass.SPEECH);
        int frames = 40 + 2 * gap + 1;
        float[] speech = new float[frames * F];
        float loud = (float) Loudness.amplitude(-20);
        float quiet = (float) Loudness.amplitude(-45);
        Arrays.fill(speech, quiet);
        Arrays.fill(speech, 0, 10 * F, loud);
        Arrays.fill(speech, (10 + gap) * F, (20 + gap) * F, loud);               // a masked stretch of gap frames
        Arrays.fill(speech, (21 + 2 * gap) * F, frames * F, loud);              // then one of gap + 1
        List<Layer> layers = List.of(block(SoundClass.MUSIC, 0, frames, -30),
                new Layer(SoundClass.SPEECH, 0, speech, List.of("s")));
        assertEquals(List.of(new LabelSpan<>(0, 20 + gap, SoundClass.SPEECH),
                new LabelSpan<>(20 + gap, 21 + 2 * gap, SoundClass.MUSIC),
                new LabelSpan<>(21 + 2 * gap, frames, SoundClass.SPEECH)),
                LabelSpan.runs(FrameLabeler.presence(frames, layers, 10).labels()));
        assertEquals(List.of(new LabelSpan<>(0, frames, SoundClass.SPEECH)),
                LabelSpan.runs(FrameLabeler.label(frames, layers)));                  // off: all of it is speech
    }

}

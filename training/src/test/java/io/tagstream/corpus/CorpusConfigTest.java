package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class CorpusConfigTest {

    @Test
    void defaultsSplitTheMinutes() {
        CorpusConfig c = CorpusConfig.of(2, 42);
        assertEquals(96, c.targetSeconds(Split.TRAIN), 1e-9);
        assertEquals(24, c.targetSeconds(Split.DEV), 1e-9);
        assertEquals(SourceGroup.BUILT_IN, c.sources());
    }

    @Test
    void invalidValuesAreRejectedWithTheReason() {
        assertMessage("minutes must be in (0, 6000], got 0.0", () -> CorpusConfig.of(0, 1));
        assertMessage("minutes must be in (0, 6000], got NaN", () -> CorpusConfig.of(Double.NaN, 1));
        assertMessage("no source group for class speech",
                () -> CorpusConfig.of(1, 1).withSources(EnumSet.of(SourceGroup.MOH, SourceGroup.SOX_NOISE)));
        assertMessage("no source group for class noise",
                () -> CorpusConfig.of(1, 1).withSources(EnumSet.of(SourceGroup.ESPEAK, SourceGroup.MOH)));
        assertMessage("clip length must satisfy", () -> CorpusConfig.of(1, 1).withClipSeconds(30, 20));
        assertMessage("clip length must satisfy", () -> CorpusConfig.of(1, 1).withClipSeconds(2, 20));
        assertMessage("hit detune must be 0..12 semitones, got 13", () -> CorpusConfig.of(1, 1).withHitDetune(13));
        assertMessage("hit detune must be 0..12 semitones, got -1", () -> CorpusConfig.of(1, 1).withHitDetune(-1));
        assertEquals(12, CorpusConfig.of(1, 1).withHitDetune(12).hitDetune());
        assertMessage("speech masking must be 0..40 dB (or off), got 41.0",
                () -> CorpusConfig.of(1, 1).withSpeechMasking(41));
        assertMessage("speech masking must be 0..40 dB (or off), got -1.0",
                () -> CorpusConfig.of(1, 1).withSpeechMasking(-1));
        assertMessage("speech masking must be 0..40 dB (or off), got NaN",
                () -> CorpusConfig.of(1, 1).withSpeechMasking(Double.NaN));
        assertEquals(CorpusConfig.NO_SPEECH_MASKING, CorpusConfig.of(1, 1).speechMaskingDb());
        assertEquals(10.0, CorpusConfig.of(1, 1).withSpeechMasking(10).speechMaskingDb());
        assertMessage("mixture boost must be in [1, 4], got 0.5", () -> CorpusConfig.of(1, 1).withMixtureBoost(0.5));
        assertMessage("mixture boost must be in [1, 4], got 4.5", () -> CorpusConfig.of(1, 1).withMixtureBoost(4.5));
        assertEquals(1.0, CorpusConfig.of(1, 1).mixtureBoost());
        // one group can cover two classes
        assertEquals(EnumSet.of(SourceGroup.PROMPTS, SourceGroup.SONIC_PI),
                CorpusConfig.of(1, 1).withSources(EnumSet.of(SourceGroup.PROMPTS, SourceGroup.SONIC_PI)).sources());
    }

    @Test
    void sourceGroupsParseByTheirCommandLineNames() {
        for (SourceGroup g : SourceGroup.values()) {
            assertEquals(g, SourceGroup.fromCliName(g.cliName()));
        }
        assertMessage("unknown source group 'midi' (known: espeak, prompts, moh, sox-music, sonic-pi, sox-noise, real-speech, real-music, real-noise)",
                () -> SourceGroup.fromCliName("midi"));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, e);
        assertTrue(thrown.getMessage().contains(part), thrown.getMessage());
    }
}

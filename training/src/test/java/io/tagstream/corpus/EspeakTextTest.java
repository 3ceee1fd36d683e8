package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class EspeakTextTest {

    private final EspeakText text = EspeakText.bundled();

    @Test
    void everyVoiceLanguageGetsWordsOrNumbers() {
        for (String language : SourceCatalog.TRAIN_LANGUAGES) {
            checkSentences(language);
        }
        for (String language : SourceCatalog.DEV_LANGUAGES) {
            checkSentences(language);
        }
        assertTrue(text.hasWords("en-gb-scotland") && text.hasWords("es-419") && text.hasWords("pt-br"));
        assertFalse(text.hasWords("fi") || text.hasWords("cmn"));
    }

    @Test
    void sentencesAreDeterministicForASeed() {
        for (int seed = 0; seed < 20; seed++) {
            assertEquals(text.sentence("de", new Random(seed)), text.sentence("de", new Random(seed)));
        }
    }

    @Test
    void numbersOnlyLanguagesReadDigits() {
        String s = text.sentence("fi", new Random(1));
        assertTrue(s.matches("\\d+(, \\d+){0,3}"), s);
    }

    private void checkSentences(String language) {
        Random random = new Random(language.hashCode());
        for (int i = 0; i < 50; i++) {
            String s = text.sentence(language, random);
            assertFalse(s.isBlank(), language);
            assertFalse(s.startsWith("-"), "espeak-ng would read a leading '-' as an option: " + s);
            int words = s.split("\\s+").length;
            assertTrue(words >= 1 && words <= 10, language + ": " + s);
        }
    }
}

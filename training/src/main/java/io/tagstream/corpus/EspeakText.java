package io.tagstream.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic text for espeak-ng: random sentences drawn from the fixed word lists of
 * {@code espeak-words.txt}, with numbers mixed in; languages without a word list read numbers only (espeak-ng
 * speaks digits in the voice's language, so every voice says real words of its language).
 */
final class EspeakText {

    private static final String RESOURCE = "espeak-words.txt";

    private final Map<String, List<String>> wordsByLanguage;

    private EspeakText(Map<String, List<String>> wordsByLanguage) {
        this.wordsByLanguage = Map.copyOf(wordsByLanguage);
    }

    /** The bundled word lists. */
    static EspeakText bundled() {
        try (InputStream in = EspeakText.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CorpusException("resource " + RESOURCE + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CorpusException("cannot read resource " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Parses lines "{@code <language>: word word ...}"; '#' starts a comment line. */
    static EspeakText parse(String text) {
        Map<String, List<String>> words = new HashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new CorpusException(RESOURCE + ": line without 'language:': " + l);
            }
            words.put(l.substring(0, colon).strip(), List.of(l.substring(colon + 1).strip().split("\\s+")));
        }
        return new EspeakText(words);
    }

    /** True when {@code language} ("es-419" counts as "es") has a word list. */
    boolean hasWords(String language) {
        return wordsByLanguage.containsKey(baseLanguage(language));
    }

    /** A sentence of 3..10 words (sometimes with a number), or of 1..4 numbers for a language without words. */
    String sentence(String language, Random random) {
        List<String> words = wordsByLanguage.get(baseLanguage(language));
        StringBuilder s = new StringBuilder();
        if (words == null) {
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                s.append(i == 0 ? "" : ", ").append(1 + random.nextInt(99_999));
            }
            return s.toString();
        }
        int count = 3 + random.nextInt(8);
        int numberAt = random.nextDouble() < 0.3 ? random.nextInt(count) : -1;
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : " ");
            s.append(i == numberAt
                    ? Integer.toString(1 + random.nextInt(9_999))
                    : words.get(random.nextInt(words.size())));
        }
        return s.append(random.nextDouble() < 0.2 ? "?" : ".").toString();
    }

    private static String baseLanguage(String language) {
        int dash = language.indexOf('-');
        return dash < 0 ? language : language.substring(0, dash);
    }
}

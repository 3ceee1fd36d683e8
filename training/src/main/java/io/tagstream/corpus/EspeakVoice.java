package io.tagstream.corpus;

import java.util.Objects;

/**
 * An espeak-ng voice: a language (e.g. "en-us") with a voice variant (e.g. "m3", "klatt2", "Andy").
 *
 * @param language espeak-ng language name
 * @param variant  espeak-ng variant name (a file of espeak-ng-data/voices/!v)
 */
record EspeakVoice(String language, String variant) {

    EspeakVoice {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(variant, "variant");
    }

    /** The {@code -v} argument: "en-us+m3". */
    String name() {
        return language + "+" + variant;
    }

    /** The manifest's id of this source: "espeak:en-us+m3". */
    String sourceId() {
        return "espeak:" + name();
    }
}

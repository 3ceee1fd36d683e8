package io.tagstream.corpus;

import java.util.Objects;

/**
 * What the source library does with one audio file of a fetched package: a class in a split, or excluded.
 *
 * @param soundClass the class its audio is labelled with; null when excluded
 * @param part       true when it is one part of a track whose parts (one folder) are mixed into one recording
 * @param split      the split it belongs to; null when excluded
 * @param sourceId   what the split is disjoint by, "package:source" (e.g. "ktuberling-data:it"); null when excluded
 * @param reason     why, in a few words (written into the library's sources.tsv)
 */
record SourceDecision(SoundClass soundClass, boolean part, Split split, String sourceId, String reason) {

    SourceDecision {
        Objects.requireNonNull(reason, "reason");
        if ((soundClass == null) != (split == null) || (soundClass == null) != (sourceId == null)) {
            throw new IllegalArgumentException("a kept file needs a class, a split and a source; an excluded one none");
        }
    }

    static SourceDecision excluded(String reason) {
        return new SourceDecision(null, false, null, null, reason);
    }

    boolean kept() {
        return soundClass != null;
    }

    /** "speech", "music", "noise" or "excluded". */
    String label() {
        return kept() ? soundClass.label() : "excluded";
    }
}

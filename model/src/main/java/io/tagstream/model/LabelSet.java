package io.tagstream.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The labels a model scores, in classifier output order. Names are non-blank, unique and free of tabs and line
 * breaks (they end up in JSON records and Audacity label files).
 *
 * @param names the labels, in the order of the classifier's outputs
 */
public record LabelSet(List<String> names) {

    /** silence, speech, music, noise. */
    public static final LabelSet DEFAULT = new LabelSet(List.of("silence", "speech", "music", "noise"));

    public LabelSet {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("a label set needs at least one label");
        }
        names = List.copyOf(names);
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isBlank() || name.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
                throw new IllegalArgumentException("label \"" + name.replaceAll("[\\t\\r\\n]", " ")
                        + "\" must be non-blank, without tabs or line breaks");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("label \"" + name + "\" appears twice");
            }
        }
    }

    /** Number of labels. */
    public int size() {
        return names.size();
    }

    /** Label of classifier output {@code index}. */
    public String name(int index) {
        return names.get(index);
    }

    /** Classifier output of {@code name}, or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }
}

package io.tagstream.corpus;

import java.util.List;

/**
 * The four classes of the default label set. Declaration order is label priority, lowest first: where several
 * classes are audible at once the label is the one that comes last here (speech over music over noise over silence).
 */
public enum SoundClass {
    SILENCE("silence"),
    NOISE("noise"),
    MUSIC("music"),
    SPEECH("speech");

    /** The label set in the order of the product description (the order a model file lists them). */
    public static final List<SoundClass> LABEL_ORDER = List.of(SILENCE, SPEECH, MUSIC, NOISE);

    private final String label;

    SoundClass(String label) {
        this.label = label;
    }

    /** The label as written in label files and the manifest: "silence", "speech", "music", "noise". */
    public String label() {
        return label;
    }

    /** True when this class wins the label over {@code other} where both are audible. */
    public boolean outranks(SoundClass other) {
        return compareTo(other) > 0;
    }

    /** The class named {@code label}; an {@link IllegalArgumentException} naming the known labels otherwise. */
    public static SoundClass fromLabel(String label) {
        for (SoundClass c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown label '" + label + "' (known: silence, speech, music, noise)");
    }
}

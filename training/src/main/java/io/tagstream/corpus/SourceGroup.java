package io.tagstream.corpus;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A family of sources that {@code tagstream synth --sources} can switch on or off. */
public enum SourceGroup {
    /** espeak-ng voices in many languages, varied rate and pitch. */
    ESPEAK("espeak", EnumSet.of(SoundClass.SPEECH)),
    /** Real recorded prompts of asterisk-core-sounds-en-wav (train) and -es-wav (dev). */
    PROMPTS("prompts", EnumSet.of(SoundClass.SPEECH)),
    /** Three asterisk-moh-opsound-wav music-on-hold tracks. */
    MOH("moh", EnumSet.of(SoundClass.MUSIC)),
    /** Chords, arpeggios and beats made with sox synth. */
    SOX_MUSIC("sox-music", EnumSet.of(SoundClass.MUSIC)),
    /** Eleven sonic-pi-samples families, each decided music or noise (see {@link SonicPiFamily}). */
    SONIC_PI("sonic-pi", EnumSet.of(SoundClass.MUSIC, SoundClass.NOISE)),
    /** Noises generated in Java and shaped with sox (coloured, hum, filtered, modulated, crackle, mixtures). */
    SOX_NOISE("sox-noise", EnumSet.of(SoundClass.NOISE)),
    /** Real voices of the source library ({@code tagstream sources}): prompts, words and dialogue, many languages. */
    REAL_SPEECH("real-speech", EnumSet.of(SoundClass.SPEECH)),
    /** Real music of the source library: soundtracks, rendered MIDI and tracker modules. */
    REAL_MUSIC("real-music", EnumSet.of(SoundClass.MUSIC)),
    /** Real noise of the source library: ambient beds and sound effects of games, keyboards, drum hits. */
    REAL_NOISE("real-noise", EnumSet.of(SoundClass.NOISE));

    /** The groups that need no source library: the default without {@code --library}. */
    public static final Set<SourceGroup> BUILT_IN = Collections.unmodifiableSet(
            EnumSet.of(ESPEAK, PROMPTS, MOH, SOX_MUSIC, SONIC_PI, SOX_NOISE));

    private final String cliName;
    private final Set<SoundClass> classes;

    SourceGroup(String cliName, Set<SoundClass> classes) {
        this.cliName = cliName;
        this.classes = classes;
    }

    /** True for the groups drawn from the source library. */
    public boolean fromLibrary() {
        return !BUILT_IN.contains(this);
    }

    /** The name used on the command line and in the manifest. */
    public String cliName() {
        return cliName;
    }

    /** The classes this group provides sources for. */
    public Set<SoundClass> classes() {
        return EnumSet.copyOf(classes);
    }

    /** The group called {@code name} on the command line; otherwise an exception listing the names. */
    public static SourceGroup fromCliName(String name) {
        for (SourceGroup g : values()) {
            if (g.cliName.equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown source group '" + name + "' (known: " + names() + ")");
    }

    /** "espeak, prompts, moh, sox-music, sonic-pi, sox-noise, real-speech, real-music, real-noise". */
    public static String names() {
        return Arrays.stream(values()).map(SourceGroup::cliName).collect(Collectors.joining(", "));
    }
}

package io.tagstream.corpus;

import java.nio.file.Path;
import java.util.List;

/**
 * The manifest's ids of file sources: "prompt:en_US_f_Allison/digits/5.wav", "moh:macroform-cold_day",
 * "sonic-pi:bd_808".
 */
final class SourceIds {

    private SourceIds() {
    }

    /** Prompt id: the path from the language folder on ("en_US_f_Allison/digits/5.wav"). */
    static String prompt(Path file) {
        int n = file.getNameCount();
        for (int i = n - 1; i >= 0; i--) {
            String part = file.getName(i).toString();
            if (part.endsWith("_Allison")) {
                return "prompt:" + file.subpath(i, n).toString().replace('\\', '/');
            }
        }
        return "prompt:" + file.getFileName();
    }

    static String moh(Path track) {
        return "moh:" + stem(track);
    }

    static String sonicPi(Path file) {
        return "sonic-pi:" + stem(file);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /**
     * True when a sound contains a telephone-band recording (an asterisk prompt or music-on-hold track, or one of the
     * library's asterisk prompt packages: 8 kHz sources with nothing above about 3.8 kHz).
     */
    static boolean isTelephoneBand(List<String> sourceIds) {
        return sourceIds.stream().anyMatch(id -> id.startsWith("prompt:") || id.startsWith("moh:")
                || RealRecording.isTelephoneBand(id));
    }
}

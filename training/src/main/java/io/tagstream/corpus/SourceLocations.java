package io.tagstream.corpus;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the corpus sources and tools are. The defaults are the Debian install locations.
 *
 * @param asteriskSounds directory holding {@code en_US_f_Allison/} and {@code es_MX_f_Allison/}
 * @param asteriskMoh    directory holding the music-on-hold {@code .wav} tracks
 * @param sonicPiSamples directory holding the sonic-pi {@code .flac} samples
 * @param soxCommand     the sox executable (a name on the PATH or a path)
 * @param espeakCommand  the espeak-ng executable (a name on the PATH or a path)
 * @param sourceLibrary  the library {@code tagstream sources} made ({@code CACHE/library}), for the real-* groups;
 *                       null when there is none
 */
public record SourceLocations(
        Path asteriskSounds, Path asteriskMoh, Path sonicPiSamples, String soxCommand, String espeakCommand,
        Path sourceLibrary) {

    /** The Debian package locations and the tools on the PATH. */
    public static final SourceLocations DEBIAN = new SourceLocations(
            Path.of("/usr/share/asterisk/sounds"), Path.of("/usr/share/asterisk/moh"),
            Path.of("/usr/share/sonic-pi/samples"), "sox", "espeak-ng", null);

    public SourceLocations {
        Objects.requireNonNull(asteriskSounds, "asteriskSounds");
        Objects.requireNonNull(asteriskMoh, "asteriskMoh");
        Objects.requireNonNull(sonicPiSamples, "sonicPiSamples");
        if (soxCommand == null || soxCommand.isBlank()) {
            throw new IllegalArgumentException("sox command must not be blank");
        }
        if (espeakCommand == null || espeakCommand.isBlank()) {
            throw new IllegalArgumentException("espeak-ng command must not be blank");
        }
    }

    /** Without a source library. */
    public SourceLocations(Path asteriskSounds, Path asteriskMoh, Path sonicPiSamples, String soxCommand,
            String espeakCommand) {
        this(asteriskSounds, asteriskMoh, sonicPiSamples, soxCommand, espeakCommand, null);
    }

    /** These locations with the source library in {@code library}. */
    public SourceLocations withSourceLibrary(Path library) {
        return new SourceLocations(asteriskSounds, asteriskMoh, sonicPiSamples, soxCommand, espeakCommand, library);
    }
}

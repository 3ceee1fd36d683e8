package io.tagstream.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import io.tagstream.corpus.CorpusConfig;
import io.tagstream.corpus.CorpusException;
import io.tagstream.corpus.CorpusGenerator;
import io.tagstream.corpus.CorpusManifest;
import io.tagstream.corpus.SourceGroup;
import io.tagstream.corpus.SourceLocations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tagstream synth}: makes a labelled training corpus (WAV clips, Audacity label files, manifest) from
 * espeak-ng, the asterisk prompts and music on hold, sonic-pi samples and sox. Flags are checked first; a missing
 * tool or package is a one-line error naming the Debian package to install.
 */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Makes a labelled corpus for training: DIR/train and DIR/dev hold 16 kHz mono",
            "WAV clips with Audacity label files (start<TAB>end<TAB>label, seconds; labels",
            "silence, speech, music, noise), DIR/manifest.json the sources, seed and class",
            "totals. Deterministic for a seed. The dev split uses other sources than train.",
            "Needs sox, espeak-ng, asterisk-core-sounds-en-wav, asterisk-core-sounds-es-wav,",
            "asterisk-moh-opsound-wav and sonic-pi-samples (Debian packages)."})
public final class SynthCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory; must be new or empty.")
    private Path out;

    @Option(names = "--minutes", required = true, paramLabel = "N",
            description = "Minutes of audio, train + dev (the last clip of a split may run over).")
    private double minutes;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "Master seed.")
    private long seed;

    @Option(names = "--sources", split = ",", paramLabel = "GROUP",
            converter = SourceGroupConverter.class,
            description = "Source groups, comma-separated (default: espeak, prompts, moh, sox-music,"
                    + " sonic-pi, sox-noise, and with --library also real-speech, real-music, real-noise).")
    private List<SourceGroup> sources;

    @Option(names = "--dev-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share of the minutes for the dev split, 0.05..0.5 (default: ${DEFAULT-VALUE}).")
    private double devFraction;

    @Option(names = "--clip-seconds", paramLabel = "MIN-MAX", defaultValue = "20-60",
            description = "Clip length range in seconds (default: ${DEFAULT-VALUE}).")
    private String clipSeconds;

    @Option(names = "--library", paramLabel = "DIR",
            description = "Source library made by tagstream sources (CACHE/library): real recordings for the"
                    + " real-speech, real-music and real-noise groups.")
    private Path library;

    @Option(names = "--full-band-share", paramLabel = "F", defaultValue = "0",
            description = "Share of clips kept full band (low-pass 7000..7900 Hz) instead of telephone band"
                    + " (3400..4000 Hz), 0..1 (default: ${DEFAULT-VALUE}).")
    private double fullBandShare;

    @Option(names = "--groove-share", paramLabel = "F", defaultValue = "0",
            description = "Share of music layers played as a groove on one of the library's drum kits, 0..0.5"
                    + " (default: ${DEFAULT-VALUE}: none; run f7 of models/default/README.md used 0.06).")
    private double grooveShare;

    @Option(names = "--hit-detune", paramLabel = "N", defaultValue = "0",
            description = "Transpose each sonic-pi groove voice, loop and scattered hit by a random whole number of"
                    + " semitones within +-N, 0..12 (default: ${DEFAULT-VALUE}: none; docs/corpus.md).")
    private int hitDetune;

    @Option(names = "--speech-masking-db", paramLabel = "DB",
            description = "Label a frame speech only where the speech is at most DB dB below the music and noise"
                    + " under it (their summed power in that frame), 0..40 (default: off, speech counts wherever it"
                    + " is audible on its own; docs/corpus.md, \"The label rule\").")
    private Double speechMaskingDb;

    @Option(names = "--mixture-boost", paramLabel = "F", defaultValue = "1",
            description = "Draw speech over music and speech over noise F times as often among a clip's random"
                    + " scenes, 1..4 (default: ${DEFAULT-VALUE}: the mix of docs/corpus.md).")
    private double mixtureBoost;

    @Option(names = "--quiet", description = "Do not print a line per clip.")
    private boolean quiet;

    @Option(names = "--sox", paramLabel = "CMD", description = "sox executable (default: ${DEFAULT-VALUE}).")
    private String sox = SourceLocations.DEBIAN.soxCommand();

    @Option(names = "--espeak", paramLabel = "CMD", description = "espeak-ng executable (default: ${DEFAULT-VALUE}).")
    private String espeak = SourceLocations.DEBIAN.espeakCommand();

    @Option(names = "--asterisk-sounds", paramLabel = "DIR",
            description = "Directory with en_US_f_Allison/ and es_MX_f_Allison/ (default: ${DEFAULT-VALUE}).")
    private Path asteriskSounds = SourceLocations.DEBIAN.asteriskSounds();

    @Option(names = "--moh", paramLabel = "DIR", description = "Music-on-hold directory (default: ${DEFAULT-VALUE}).")
    private Path moh = SourceLocations.DEBIAN.asteriskMoh();

    @Option(names = "--sonic-pi-samples", paramLabel = "DIR",
            description = "sonic-pi samples directory (default: ${DEFAULT-VALUE}).")
    private Path sonicPi = SourceLocations.DEBIAN.sonicPiSamples();

    @Override
    public Integer call() {
        CorpusConfig config = config();
        PrintWriter err = spec.commandLine().getErr();
        CorpusManifest manifest;
        try {
            manifest = CorpusGenerator.generate(config, out, line -> {
                if (!quiet) {
                    err.println(line);
                    err.flush();
                }
            });
        } catch (CorpusException e) {
            throw new UserFacingError(e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        for (String name : List.of("train", "dev")) {
            CorpusManifest.SplitSummary split = manifest.splits().get(name);
            stdout.printf(Locale.ROOT, "%s: %d clips, %.2f s (%s)%n",
                    name, split.clips().size(), split.seconds(), describe(split.classSeconds()));
        }
        stdout.println("manifest: " + out.resolve(CorpusManifest.FILE_NAME));
        stdout.flush();
        return 0;
    }

    private CorpusConfig config() {
        double[] range = clipRange();
        Set<SourceGroup> groups = sources == null || sources.isEmpty()
                ? (library == null ? EnumSet.copyOf(SourceGroup.BUILT_IN) : EnumSet.allOf(SourceGroup.class))
                : EnumSet.copyOf(sources);
        try {
            SourceLocations where = new SourceLocations(asteriskSounds, moh, sonicPi, sox, espeak, library);
            return new CorpusConfig(minutes, seed, groups, devFraction, range[0], range[1], where, fullBandShare,
                    grooveShare, hitDetune,
                    speechMaskingDb == null ? CorpusConfig.NO_SPEECH_MASKING : speechMaskingDb, mixtureBoost);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** "20-60" as {20, 60}. */
    private double[] clipRange() {
        String problem = "--clip-seconds must be MIN-MAX in seconds, e.g. 20-60, got '" + clipSeconds + "'";
        String[] parts = clipSeconds.split("-", -1);
        if (parts.length != 2) {
            throw invalid(problem);
        }
        try {
            return new double[] {Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip())};
        } catch (NumberFormatException e) {
            throw invalid(problem);
        }
    }

    /** "speech 29.36 s, music 54.01 s, noise 21.87 s, silence 28.51 s". */
    private static String describe(Map<String, Double> classSeconds) {
        StringBuilder s = new StringBuilder();
        for (String label : List.of("speech", "music", "noise", "silence")) {
            s.append(s.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.2f s", label, classSeconds.get(label)));
        }
        return s.toString();
    }

    private CommandLine.ParameterException invalid(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** A source group by its command-line name. */
    static final class SourceGroupConverter implements CommandLine.ITypeConverter<SourceGroup> {
        @Override
        public SourceGroup convert(String value) {
            try {
                return SourceGroup.fromCliName(value.strip());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

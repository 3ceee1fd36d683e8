package io.tagstream.corpus;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code tagstream synth} makes. Validated at construction; every class must have at least one source group.
 *
 * @param minutes        total audio to make, train + dev, in minutes (the last clip of a split may overshoot)
 * @param seed           master seed; clip k of a split depends only on (seed, split, k)
 * @param sources        source groups to draw from
 * @param devFraction    share of the minutes that goes to the dev split, in [0.05, 0.5]
 * @param minClipSeconds shortest clip, seconds
 * @param maxClipSeconds longest clip, seconds
 * @param locations      where the sources and tools are
 * @param fullBandShare  share of clips that keep the full band (low-pass edge 7000..7900 Hz) instead of the
 *                       telephone band (3400..4000 Hz), in [0, 1]
 * @param grooveShare    share of music layers played as a groove on one of the library's drum kits
 *                       ({@link DrumKitGroove}), in [0, 0.5]; 0 (none) unless asked for
 * @param hitDetune      how far each sonic-pi one-shot voice of a groove, each loop and each scattered noise hit is
 *                       transposed, up to this many semitones either way (uniform, whole semitones; sox
 *                       {@code speed}, so pitch and length change together), in [0, 12]; 0 (none) unless asked for
 * @param speechMaskingDb speech counts as present only in frames where it is at most this many dB below the music
 *                       and noise under it ({@link FrameLabeler}), in [0, {@value #MAX_SPEECH_MASKING_DB}];
 *                       {@link #NO_SPEECH_MASKING} (off, the rule of every corpus before it) unless asked for
 * @param mixtureBoost   factor on the weights of the speech-over-music and speech-over-noise scenes among a clip's
 *                       random scenes ({@link SceneKind}), in [1, {@value #MAX_MIXTURE_BOOST}]; 1 (the mix of every
 *                       corpus before it) unless asked for
 */
public record CorpusConfig(
        double minutes,
        long seed,
        Set<SourceGroup> sources,
        double devFraction,
        double minClipSeconds,
        double maxClipSeconds,
        SourceLocations locations,
        double fullBandShare,
        double grooveShare,
        int hitDetune,
        double speechMaskingDb,
        double mixtureBoost) {

    /** Most minutes one run may make (bounds disk use and run time). */
    public static final double MAX_MINUTES = 6_000;

    /** Most semitones a sonic-pi hit or loop may be transposed by {@code hitDetune}. */
    public static final int MAX_HIT_DETUNE = 12;

    /** Speech masking off: speech is present wherever it is audible on its own. */
    public static final double NO_SPEECH_MASKING = Double.POSITIVE_INFINITY;

    /** Largest finite speech masking margin, dB. */
    public static final double MAX_SPEECH_MASKING_DB = 40;

    /** Largest mixture boost. */
    public static final double MAX_MIXTURE_BOOST = 4;

    public CorpusConfig {
        require(minutes > 0 && minutes <= MAX_MINUTES,
                "minutes must be in (0, " + (int) MAX_MINUTES + "], got " + minutes);
        Objects.requireNonNull(sources, "sources");
        require(!sources.isEmpty(), "at least one source group is needed (known: " + SourceGroup.names() + ")");
        sources = Collections.unmodifiableSet(EnumSet.copyOf(sources));
        for (SoundClass c : EnumSet.of(SoundClass.SPEECH, SoundClass.MUSIC, SoundClass.NOISE)) {
            require(sources.stream().anyMatch(g -> g.classes().contains(c)),
                    "no source group for class " + c.label() + " among " + sources);
        }
        require(devFraction >= 0.05 && devFraction <= 0.5, "dev fraction must be in [0.05, 0.5], got " + devFraction);
        require(minClipSeconds >= 5 && minClipSeconds <= maxClipSeconds && maxClipSeconds <= 600,
                "clip length must satisfy 5 <= min <= max <= 600 seconds, got " + minClipSeconds + ".."
                        + maxClipSeconds);
        Objects.requireNonNull(locations, "locations");
        require(locations.sourceLibrary() != null || sources.stream().noneMatch(SourceGroup::fromLibrary),
                "the real-* source groups need a source library (tagstream sources --cache DIR, then --library"
                        + " DIR/library)");
        require(fullBandShare >= 0 && fullBandShare <= 1, "full-band share must be in [0, 1], got " + fullBandShare);
        require(grooveShare >= 0 && grooveShare <= 0.5, "groove share must be in [0, 0.5], got " + grooveShare);
        require(hitDetune >= 0 && hitDetune <= MAX_HIT_DETUNE,
                "hit detune must be 0.." + MAX_HIT_DETUNE + " semitones, got " + hitDetune);
        require(speechMaskingDb == NO_SPEECH_MASKING
                        || (speechMaskingDb >= 0 && speechMaskingDb <= MAX_SPEECH_MASKING_DB),
                "speech masking must be 0.." + (int) MAX_SPEECH_MASKING_DB + " dB (or off), got " + speechMaskingDb);
        require(mixtureBoost >= 1 && mixtureBoost <= MAX_MIXTURE_BOOST,
                "mixture boost must be in [1, " + (int) MAX_MIXTURE_BOOST + "], got " + mixtureBoost);
    }

    /** Telephone band only (the v1 recipe). */
    public CorpusConfig(double minutes, long seed, Set<SourceGroup> sources, double devFraction,
            double minClipSeconds, double maxClipSeconds, SourceLocations locations) {
        this(minutes, seed, sources, devFraction, minClipSeconds, maxClipSeconds, locations, 0, 0, 0,
                NO_SPEECH_MASKING, 1);
    }

    /** The built-in source groups, 20 % dev, clips of 20..60 s, Debian locations, telephone band. */
    public static CorpusConfig of(double minutes, long seed) {
        return new CorpusConfig(minutes, seed, SourceGroup.BUILT_IN, 0.2, 20, 60, SourceLocations.DEBIAN);
    }

    /** This config with other source groups. */
    public CorpusConfig withSources(Set<SourceGroup> groups) {
        return new CorpusConfig(minutes, seed, groups, devFraction, minClipSeconds, maxClipSeconds, locations,
                fullBandShare, grooveShare, hitDetune, speechMaskingDb, mixtureBoost);
    }

    /** This config with other clip lengths. */
    public CorpusConfig withClipSeconds(double min, double max) {
        return new CorpusConfig(minutes, seed, sources, devFraction, min, max, locations, fullBandShare,
                grooveShare, hitDetune, speechMaskingDb, mixtureBoost);
    }

    /** This config with other source and tool locations. */
    public CorpusConfig withLocations(SourceLocations where) {
        return new CorpusConfig(minutes, seed, sources, devFraction, minClipSeconds, maxClipSeconds, where,
                fullBandShare, grooveShare, hitDetune, speechMaskingDb, mixtureBoost);
    }

    /** This config with another full-band share. */
    public CorpusConfig withFullBandShare(double share) {
        return new CorpusConfig(minutes, seed, sources, devFraction, minClipSeconds, maxClipSeconds, locations, share,
                grooveShare, hitDetune, speechMaskingDb, mixtureBoost);
    }

    /** This config with another groove share. */
    public CorpusConfig withGrooveShare(double share) {
        return new CorpusConfig(minutes, seed, sources, devFraction, minClipSeconds, maxClipSeconds, locations,
                fullBandShare, share, hitDetune, speechMaskingDb, mixtureBoost);
    }

    /** This config with another hit detune. */
    public CorpusConfig withHitDetune(int semitones) {
        return new CorpusConfig(minutes, seed, sources, devFraction, minClipSeconds, maxClipSeconds, locations,
                fullBandShare, grooveShare, semitones, speechMaskingDb, mixtureBoost);
    }

    /** This config with another speech masking margin ({@link #NO_SPEECH_MASKING}: off). */
    public CorpusConfig withSpeechMasking(double db) {
        return new CorpusConfig(minutes, seed, sources, devFraction, minClipSeconds, maxClipSeconds, locations,
                fullBandShare, grooveShare, hitDetune, db, mixtureBoost);
    }

    /** This config with another mixture boost. */
    public CorpusConfig withMixtureBoost(double boost) {
        return new CorpusConfig(minutes, seed, sources, devFraction, minClipSeconds, maxClipSeconds, locations,
                fullBandShare, grooveShare, hitDetune, speechMaskingDb, boost);
    }

    /** Seconds of audio the split should get (its clips add up to at least this). */
    public double targetSeconds(Split split) {
        double share = split == Split.DEV ? devFraction : 1 - devFraction;
        return minutes * 60 * share;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid corpus config: " + message);
        }
    }
}

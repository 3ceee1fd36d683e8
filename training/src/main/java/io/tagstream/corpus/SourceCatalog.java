package io.tagstream.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which source belongs to which split, and where it is on disk. The dev split is disjoint from train by source:
 * <ul>
 *   <li>speech: train = English prompts (en_US_f_Allison, without {@code silence/} and the few prompts that are
 *       tones or effects: {@link #NOT_SPEECH_PROMPTS}) + espeak voices of {@link #TRAIN_LANGUAGES} x
 *       {@link #TRAIN_VARIANTS}; dev = Spanish prompts (es_MX_f_Allison) + voices of {@link #DEV_LANGUAGES} x
 *       {@link #DEV_VARIANTS} (no language and no variant in common);</li>
 *   <li>music: train = two music-on-hold tracks, four sox synth styles; dev = manolo_camp-morning_coffee, two
 *       other synth styles;</li>
 *   <li>noise: train = nine noise recipes (one of them mixtures of the others); dev = three other recipes;</li>
 *   <li>sonic-pi (music and noise families): every family in both splits, disjoint by file (every
 *       {@value SonicPiFamily#DEV_EVERY}th file of a family in name order is dev);</li>
 *   <li>silence: floors are the split's own steady noise recipes; digital silence is shared.</li>
 * </ul>
 */
final class SourceCatalog {

    static final String EN_PROMPTS = "en_US_f_Allison";
    static final String ES_PROMPTS = "es_MX_f_Allison";
    /**
     * Prompt files that are not speech: tones and beeps, the conference join/leave tones, and screeching monkeys.
     * Left out, so that no non-speech sound is labelled speech.
     */
    static final Set<String> NOT_SPEECH_PROMPTS = Set.of("beep.wav", "beeperr.wav", "ascending-2tone.wav",
            "descending-2tone.wav", "confbridge-join.wav", "confbridge-leave.wav", "tt-monkeys.wav");
    static final List<String> TRAIN_MOH = List.of("macroform-cold_day", "macroform-robot_dity");
    static final List<String> DEV_MOH = List.of("manolo_camp-morning_coffee");

    static final List<String> TRAIN_LANGUAGES =
            List.of("en-us", "en-gb", "es", "fr-fr", "de", "it", "pt-br", "ru", "hi", "cmn");
    static final List<String> TRAIN_VARIANTS =
            List.of("m1", "m2", "m3", "m4", "f1", "f2", "f3", "klatt", "klatt2", "klatt3", "croak", "Andy", "Annie",
                    "adam", "grandma");
    static final List<String> DEV_LANGUAGES = List.of("en-gb-scotland", "en-029", "es-419", "nl", "pl", "fi");
    static final List<String> DEV_VARIANTS = List.of("m5", "m6", "m7", "f4", "f5", "klatt4", "grandpa", "anika");

    private static final String PROMPTS_EN_PACKAGE = "asterisk-core-sounds-en-wav";
    private static final String PROMPTS_ES_PACKAGE = "asterisk-core-sounds-es-wav";
    private static final String MOH_PACKAGE = "asterisk-moh-opsound-wav";
    private static final String SONIC_PI_PACKAGE = "sonic-pi-samples";

    private SourceCatalog() {
    }

    /**
     * The sources of {@code split} for the groups of {@code config}.
     *
     * @throws MissingPackageException if a needed source directory or file is missing
     */
    static SplitSources scan(CorpusConfig config, Split split) {
        Set<SourceGroup> groups = config.sources();
        SourceLocations where = config.locations();
        boolean train = split == Split.TRAIN;
        List<Path> prompts = groups.contains(SourceGroup.PROMPTS)
                ? prompts(where.asteriskSounds().resolve(train ? EN_PROMPTS : ES_PROMPTS),
                        train ? PROMPTS_EN_PACKAGE : PROMPTS_ES_PACKAGE)
                : List.of();
        List<EspeakVoice> voices = groups.contains(SourceGroup.ESPEAK)
                ? voices(train ? TRAIN_LANGUAGES : DEV_LANGUAGES, train ? TRAIN_VARIANTS : DEV_VARIANTS)
                : List.of();
        List<Path> moh = groups.contains(SourceGroup.MOH)
                ? mohTracks(where.asteriskMoh(), train ? TRAIN_MOH : DEV_MOH)
                : List.of();
        List<SynthStyle> styles = groups.contains(SourceGroup.SOX_MUSIC)
                ? Stream.of(SynthStyle.values()).filter(s -> s.split() == split).toList()
                : List.of();
        Map<SonicPiFamily, List<Path>> sonicPi = groups.contains(SourceGroup.SONIC_PI)
                ? sonicPi(where.sonicPiSamples(), split)
                : Map.of();
        List<NoiseRecipe> recipes = Stream.of(NoiseRecipe.values()).filter(n -> n.split() == split).toList();
        List<NoiseRecipe> noises = groups.contains(SourceGroup.SOX_NOISE) ? recipes : List.of();
        List<NoiseRecipe> floors = recipes.stream().filter(NoiseRecipe::steady).toList();
        Set<SoundClass> realClasses = EnumSet.noneOf(SoundClass.class);
        groups.stream().filter(SourceGroup::fromLibrary).forEach(g -> realClasses.addAll(g.classes()));
        RealSources real = realClasses.isEmpty() ? RealSources.NONE
                : RealSources.of(SourceLibrary.read(where.sourceLibrary()), split, realClasses);
        return new SplitSources(split, prompts, voices, moh, styles, sonicPi, noises, floors, real);
    }

    private static List<Path> prompts(Path dir, String aptPackage) {
        if (!Files.isDirectory(dir)) {
            throw new MissingPackageException("prompt directory " + dir + " not found", aptPackage);
        }
        Path silence = dir.resolve("silence");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".wav"))
                    .filter(p -> !p.startsWith(silence))
                    .filter(p -> !NOT_SPEECH_PROMPTS.contains(p.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CorpusException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new MissingPackageException("no .wav prompts in " + dir, aptPackage);
        }
        return files;
    }

    private static List<EspeakVoice> voices(List<String> languages, List<String> variants) {
        List<EspeakVoice> voices = new ArrayList<>();
        for (String language : languages) {
            for (String variant : variants) {
                voices.add(new EspeakVoice(language, variant));
            }
        }
        return voices;
    }

    private static List<Path> mohTracks(Path dir, List<String> names) {
        List<Path> tracks = new ArrayList<>();
        for (String name : names) {
            Path track = dir.resolve(name + ".wav");
            if (!Files.isRegularFile(track)) {
                throw new MissingPackageException("music-on-hold track " + track + " not found", MOH_PACKAGE);
            }
            tracks.add(track);
        }
        return tracks;
    }

    private static Map<SonicPiFamily, List<Path>> sonicPi(Path dir, Split split) {
        if (!Files.isDirectory(dir)) {
            throw new MissingPackageException("sonic-pi samples directory " + dir + " not found", SONIC_PI_PACKAGE);
        }
        List<Path> all;
        try (Stream<Path> list = Files.list(dir)) {
            all = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new CorpusException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        Map<SonicPiFamily, List<Path>> families = new EnumMap<>(SonicPiFamily.class);
        for (SonicPiFamily family : SonicPiFamily.values()) {
            List<Path> files = all.stream().filter(p -> family.contains(p.getFileName().toString())).toList();
            List<Path> ofSplit = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                if (SonicPiFamily.splitOfFile(i) == split) {
                    ofSplit.add(files.get(i));
                }
            }
            if (ofSplit.isEmpty()) {
                throw new MissingPackageException("too few " + family.prefix() + "_*.flac samples in " + dir
                        + " for a " + split.dirName() + " share (found " + files.size() + ")", SONIC_PI_PACKAGE);
            }
            families.put(family, List.copyOf(ofSplit));
        }
        return families;
    }
}

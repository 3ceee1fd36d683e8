package io.tagstream.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.tagstream.features.WavWriter;
import io.tagstream.reference.AudacityLabels;

/**
 * {@code tagstream synth}: writes a labelled corpus to a directory:
 * <pre>
 *   DIR/train/clip-0001.wav   16 kHz mono 16-bit PCM
 *   DIR/train/clip-0001.txt   Audacity labels (start TAB end TAB label, seconds, 10 ms resolution)
 *   DIR/train/clip-0001.layers.txt   where each class is present under the labels: Audacity labels whose spans
 *                             may overlap (speech over music is a speech span inside a music span)
 *   DIR/dev/...               the dev split, disjoint from train by source
 *   DIR/manifest.json         {@link CorpusManifest}
 * </pre>
 * Deterministic: the same config gives byte-identical files (clip k of a split depends only on the seed, the split
 * and k; sox runs with {@code -R}; espeak-ng and sox get explicit arguments only).
 */
public final class CorpusGenerator {

    static final String LABEL_RULE = "per 10 ms frame: a class is present where one of its layers is audible"
            + " (frame RMS >= -60 dBFS and within 40 dB of that layer's loudest frame), with pauses of up to 300 ms"
            + " (speech, noise) or 500 ms (music) bridged; the label is the present class of highest priority:"
            + " speech > music > noise; silence where none is present (the clip's noise floor never counts)."
            + " Speech utterances are trimmed to their audible part before mixing.";
    static final String BAND_LIMIT_RULE = "every layer of a clip, of every class, goes through sox sinc with the"
            + " clip's band: low-pass edge uniform 3400..4000 Hz, high-pass 50..300 Hz on 60 % of clips";

    /** The label rule of {@code config}: {@link #LABEL_RULE}, and the speech masking margin when there is one. */
    static String labelRule(CorpusConfig config) {
        return config.speechMaskingDb() == CorpusConfig.NO_SPEECH_MASKING ? LABEL_RULE
                : LABEL_RULE.replace(" the label is", String.format(java.util.Locale.ROOT, " a speech frame counts only"
                        + " where the speech is at most %.1f dB below the music and noise in that frame (their summed"
                        + " mean squares), before bridging; the label is", config.speechMaskingDb()));
    }

    /** The level rule, and the mixture boost when there is one. */
    static String levelRule(CorpusConfig config) {
        return config.mixtureBoost() == 1 ? LEVEL_RULE : LEVEL_RULE + String.format(java.util.Locale.ROOT,
                "; speech over music and speech over noise drawn %.2f times as often among the random scenes",
                config.mixtureBoost());
    }

    /** The band rule of {@code config}: {@link #BAND_LIMIT_RULE}, and the full-band share when there is one. */
    static String bandLimitRule(CorpusConfig config) {
        return config.fullBandShare() == 0 ? BAND_LIMIT_RULE
                : BAND_LIMIT_RULE.replace("low-pass edge uniform 3400..4000 Hz", String.format(java.util.Locale.ROOT,
                        "low-pass edge uniform 7000..7900 Hz (full band) on %.0f %% of clips, otherwise 3400..4000 Hz",
                        100 * config.fullBandShare()));
    }
    static final String LEVEL_RULE = "active RMS: speech alone -36..-10 dBFS, music -38..-12, noise -42..-12;"
            + " under speech the background is -40..-16 dBFS and speech 0..20 dB above it (SNR, capped at -8 dBFS);"
            + " noise over music -24..-8 dB re the music; floor -80..-55 dBFS or digital silence (15 % of clips)"
            + " under the whole clip; augmentation: speed, pitch, peaking EQ, reverb (sox)";
    static final String SPLIT_RULE = "dev shares no source with train: Spanish prompts vs English prompts, espeak"
            + " voices with other languages and other variants, another music-on-hold track, other sox synth styles,"
            + " other noise recipes and floors, other sonic-pi files (every 4th file of each family by name is dev);"
            + " only digital silence is common";

    private CorpusGenerator() {
    }

    /**
     * Makes the corpus of {@code config} in {@code outDir}, which must be absent or empty.
     *
     * @param progress receives one line per clip written
     * @return the manifest, also written to {@code outDir/manifest.json}
     * @throws MissingPackageException if sox, espeak-ng or a source package is missing
     * @throws CorpusException          if a tool fails or the output cannot be written
     */
    public static CorpusManifest generate(CorpusConfig config, Path outDir, Consumer<String> progress) {
        requireEmpty(outDir);
        try (WorkFiles work = new WorkFiles()) {
            Sox sox = new Sox(config.locations().soxCommand(), work);
            Espeak espeak = new Espeak(config.locations().espeakCommand(), work);
            Map<String, String> tools = new TreeMap<>();
            tools.put("sox", sox.version());
            if (config.sources().contains(SourceGroup.ESPEAK)) {
                tools.put("espeak-ng", espeak.version());
            }
            EspeakText text = EspeakText.bundled();
            Map<String, CorpusManifest.SplitSummary> splits = new TreeMap<>();
            for (Split split : Split.values()) {
                SplitSources sources = SourceCatalog.scan(config, split);
                SonicPiArranger sonicPi = new SonicPiArranger(sox, sources, config.hitDetune());
                ClipComposer composer = new ClipComposer(sox,
                        new SpeechMaker(sox, espeak, text, sources, work),
                        new MusicMaker(sox, sources, sonicPi, new SynthMusic(sox), config.grooveShare()),
                        new NoiseMaker(sox, sources, sonicPi), config);
                splits.put(split.dirName(), writeSplit(config, split, sources, composer, outDir, progress));
            }
            CorpusManifest manifest = new CorpusManifest("tagstream synth", 1, config.seed(), config.minutes(),
                    Sox.RATE, FrameEnergy.FRAME / (double) Sox.RATE,
                    SoundClass.LABEL_ORDER.stream().map(SoundClass::label).toList(),
                    labelRule(config), bandLimitRule(config), levelRule(config), SPLIT_RULE, tools,
                    config.sources().stream().map(SourceGroup::cliName).toList(), familyDecisions(config), splits);
            manifest.write(outDir.resolve(CorpusManifest.FILE_NAME));
            return manifest;
        } catch (IOException e) {
            throw new CorpusException("cannot write the corpus to " + outDir + ": " + e.getMessage(), e);
        }
    }

    private static CorpusManifest.SplitSummary writeSplit(CorpusConfig config, Split split, SplitSources sources,
            ClipComposer composer, Path outDir, Consumer<String> progress) throws IOException {
        Path dir = Files.createDirectories(outDir.resolve(split.dirName()));
        double target = config.targetSeconds(split);
        int maxClips = (int) Math.ceil(target / config.minClipSeconds()) + 1;
        List<CorpusManifest.ClipSummary> clips = new ArrayList<>();
        long totalFrames = 0;
        Map<SoundClass, Long> classFrames = new EnumMap<>(SoundClass.class);
        Map<SoundClass, SortedSet<String>> used = new EnumMap<>(SoundClass.class);
        for (int k = 1; totalFrames * frameSeconds() < target && k <= maxClips; k++) {
            Clip clip = composer.compose(ClipSeeds.of(config.seed(), split, k), config.minClipSeconds(),
                    config.maxClipSeconds());
            String name = String.format(Locale.ROOT, "clip-%04d", k);
            WavWriter.write(dir.resolve(name + ".wav"), clip.samples(), Sox.RATE);
            long frameMicros = FrameEnergy.FRAME * 1_000_000L / Sox.RATE;
            Files.writeString(dir.resolve(name + ".txt"), AudacityLabels.format(clip.spans(), SoundClass::label, frameMicros),
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(name + CorpusLayout.LAYERS_SUFFIX),
                    AudacityLabels.format(clip.presence().spans(), SoundClass::label, frameMicros), StandardCharsets.UTF_8);
            int frames = clip.presence().frames();
            Map<SoundClass, Long> framesPerClass = clip.framesPerClass();
            totalFrames += frames;
            framesPerClass.forEach((c, n) -> classFrames.merge(c, n, Long::sum));
            clip.sourcesPerClass().forEach((c, s) -> used.computeIfAbsent(c, x -> new TreeSet<>()).addAll(s));
            Map<String, Double> clipSeconds = seconds(framesPerClass);
            clips.add(new CorpusManifest.ClipSummary(split.dirName() + "/" + name + ".wav",
                    split.dirName() + "/" + name + ".txt", clip.seed(), frames * frameSeconds(),
                    clip.band().highpassHz(), clip.band().lowpassHz(), clipSeconds,
                    byLabel(clip.sourcesPerClass())));
            progress.accept(String.format(Locale.ROOT,
                    "%s/%s.wav: %.2f s (speech %.2f, music %.2f, noise %.2f, silence %.2f)", split.dirName(), name,
                    frames * frameSeconds(), clipSeconds.get("speech"),
                    clipSeconds.get("music"), clipSeconds.get("noise"), clipSeconds.get("silence")));
        }
        return new CorpusManifest.SplitSummary(totalFrames * frameSeconds(), seconds(classFrames), byLabel(used),
                sources.pool(config.grooveShare() > 0), clips);
    }

    private static List<CorpusManifest.FamilyDecision> familyDecisions(CorpusConfig config) {
        if (!config.sources().contains(SourceGroup.SONIC_PI)) {
            return List.of();
        }
        return Stream.of(SonicPiFamily.values())
                .map(f -> new CorpusManifest.FamilyDecision(f.prefix(), f.soundClass().label(),
                        "train and dev, by file (every " + SonicPiFamily.DEV_EVERY + "th file by name is dev)",
                        config.hitDetune() == 0 ? f.reason() : f.reason() + "; each groove voice, loop and"
                                + " scattered hit transposed by a random whole number of semitones within +-"
                                + config.hitDetune() + " (synth --hit-detune)"))
                .toList();
    }

    private static double frameSeconds() {
        return FrameEnergy.FRAME / (double) Sox.RATE;
    }

    /** Seconds per class label, from frame counts (frames / 100, exact to the printed digits). */
    private static Map<String, Double> seconds(Map<SoundClass, Long> frames) {
        Map<String, Double> out = new TreeMap<>();
        for (SoundClass c : SoundClass.values()) {
            out.put(c.label(), frames.getOrDefault(c, 0L) * FrameEnergy.FRAME / (double) Sox.RATE);
        }
        return out;
    }

    private static Map<String, List<String>> byLabel(Map<SoundClass, SortedSet<String>> sources) {
        Map<String, List<String>> out = new TreeMap<>();
        sources.forEach((c, s) -> out.put(c.label(), List.copyOf(s)));
        return out;
    }

    private static void requireEmpty(Path outDir) {
        if (Files.exists(outDir)) {
            if (!Files.isDirectory(outDir)) {
                throw new CorpusException(outDir + " exists and is not a directory");
            }
            try (Stream<Path> entries = Files.list(outDir)) {
                if (entries.findAny().isPresent()) {
                    throw new CorpusException(
                            outDir + " is not empty (synth writes only into a new or empty directory)");
                }
            } catch (IOException e) {
                throw new CorpusException("cannot read " + outDir + ": " + e.getMessage(), e);
            }
        }
    }
}

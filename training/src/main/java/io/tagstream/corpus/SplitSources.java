package io.tagstream.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sources one split may draw from (empty lists for switched-off groups). Lists are sorted, so a seeded choice
 * picks the same source on every machine.
 *
 * @param split       which split
 * @param prompts     asterisk prompt files
 * @param voices      espeak-ng voices
 * @param mohTracks   music-on-hold tracks
 * @param synthStyles sox synth music styles
 * @param sonicPi     sonic-pi files per family (music and noise families of this split)
 * @param noises      sox noise recipes
 * @param floors      steady recipes used for noise floors (always present: silence needs no source group)
 * @param real        recordings of the source library, by class and source (for the real-* groups)
 */
record SplitSources(
        Split split,
        List<Path> prompts,
        List<EspeakVoice> voices,
        List<Path> mohTracks,
        List<SynthStyle> synthStyles,
        Map<SonicPiFamily, List<Path>> sonicPi,
        List<NoiseRecipe> noises,
        List<NoiseRecipe> floors,
        RealSources real) {

    /** Manifest id of digital silence, the one source both splits share (zeros are zeros). */
    static final String DIGITAL_SILENCE = "digital-silence";

    SplitSources {
        prompts = List.copyOf(prompts);
        voices = List.copyOf(voices);
        mohTracks = List.copyOf(mohTracks);
        synthStyles = List.copyOf(synthStyles);
        sonicPi = Map.copyOf(sonicPi);
        noises = List.copyOf(noises);
        floors = List.copyOf(floors);
    }

    /** The sonic-pi files of this split's families of class {@code c}, by family in declaration order. */
    Map<SonicPiFamily, List<Path>> sonicPi(SoundClass c) {
        Map<SonicPiFamily, List<Path>> out = new TreeMap<>();
        sonicPi.forEach((family, files) -> {
            if (family.soundClass() == c) {
                out.put(family, files);
            }
        });
        return out;
    }

    /** The drum kits among this split's library noise, by groove manifest id ({@link DrumKitGroove}). */
    TreeMap<String, List<RealRecording>> drumKits() {
        return DrumKitGroove.kits(real.sourcesOf(SoundClass.NOISE, DrumKitGroove.PACKAGE));
    }

    /**
     * Every source id this split may use, by class label: the pool the dev/train disjointness is about.
     *
     * @param grooves whether music layers may be grooves on the drum kits
     */
    Map<String, List<String>> pool(boolean grooves) {
        Map<String, List<String>> pool = new TreeMap<>();
        List<String> speech = new ArrayList<>();
        prompts.forEach(p -> speech.add(SourceIds.prompt(p)));
        voices.forEach(v -> speech.add(v.sourceId()));
        speech.addAll(real.manifestIds(SoundClass.SPEECH));
        pool.put(SoundClass.SPEECH.label(), speech);
        List<String> music = new ArrayList<>();
        mohTracks.forEach(t -> music.add(SourceIds.moh(t)));
        synthStyles.forEach(s -> music.add(s.sourceId()));
        sonicPi(SoundClass.MUSIC).values().forEach(files -> files.forEach(f -> music.add(SourceIds.sonicPi(f))));
        music.addAll(real.manifestIds(SoundClass.MUSIC));
        if (grooves) {
            music.addAll(drumKits().keySet());
        }
        pool.put(SoundClass.MUSIC.label(), music);
        List<String> noise = new ArrayList<>();
        noises.forEach(n -> noise.add(n.sourceId()));
        sonicPi(SoundClass.NOISE).values().forEach(files -> files.forEach(f -> noise.add(SourceIds.sonicPi(f))));
        noise.addAll(real.manifestIds(SoundClass.NOISE));
        pool.put(SoundClass.NOISE.label(), noise);
        List<String> silence = new ArrayList<>(List.of(DIGITAL_SILENCE));
        floors.forEach(f -> silence.add(f.floorId()));
        pool.put(SoundClass.SILENCE.label(), silence);
        return pool;
    }
}

package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.WavDecoder;
import io.tagstream.features.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tagstream synth} drawing from a source library (a small one made here: real asterisk prompts copied in as
 * speech, generated tones and noises as music and noise), with half of the clips full band.
 */
class RealSourcesCorpusTest {

    private static final Set<SourceGroup> REAL = EnumSet.of(SourceGroup.REAL_SPEECH, SourceGroup.REAL_MUSIC,
            SourceGroup.REAL_NOISE);

    @TempDir
    static Path tmp;

    private static CorpusConfig config;
    private static CorpusManifest manifest;
    private static Path first;

    @BeforeAll
    static void makeALibraryAndACorpusTwice() throws IOException, AudioFileException {
        Path library = tmp.resolve("library");
        writeLibrary(library);
        config = CorpusConfig.of(1.5, 77).withClipSeconds(10, 20)
                .withLocations(SourceLocations.DEBIAN.withSourceLibrary(library)).withSources(REAL)
                .withFullBandShare(0.5).withGrooveShare(0.06);
        first = tmp.resolve("first");
        manifest = CorpusGenerator.generate(config, first, line -> { });
        CorpusGenerator.generate(config, tmp.resolve("second"), line -> { });
    }

    @Test
    void everyLayerComesFromTheLibraryAndDevSharesNoSourceWithTrain() {
        Set<String> train = ids(manifest.splits().get("train").sourcesUsed());
        Set<String> dev = ids(manifest.splits().get("dev").sourcesUsed());
        for (String id : union(train, dev)) {
            assertTrue(id.startsWith("real:fixture-") || id.startsWith("real:hydrogen-drumkits:")
                    || id.startsWith("groove:hydrogen-drumkits:") || id.equals(SplitSources.DIGITAL_SILENCE)
                    || id.startsWith("floor:"), id);
        }
        assertTrue(train.containsAll(Set.of("real:fixture-speech:train-voice", "real:fixture-music:train-tone",
                "real:fixture-noise:train-noise")), train.toString());
        Set<String> shared = new HashSet<>(train);
        shared.retainAll(dev);
        shared.remove(SplitSources.DIGITAL_SILENCE);
        assertEquals(Set.of(), shared);
    }

    @Test
    void theDrumKitsAreNoiseWhenScatteredAndMusicAsGrooves() {
        for (String split : List.of("train", "dev")) {
            java.util.Map<String, List<String>> pool = manifest.splits().get(split).sourcePool();
            assertTrue(pool.get("noise").contains("real:hydrogen-drumkits:" + split + "-kit"), pool.toString());
            assertEquals(List.of("groove:hydrogen-drumkits:" + split + "-kit/hydrogen-drumkits"),
                    pool.get("music").stream().filter(id -> id.startsWith("groove:")).toList());
        }
    }

    @Test
    void aboutHalfTheClipsAreFullBandAndKeepWhatIsAbove4kHz() throws IOException, AudioFileException {
        int wide = 0;
        double wideTotal = 0;
        double wideHigh = 0;
        List<CorpusManifest.ClipSummary> clips = new ArrayList<>(manifest.splits().get("train").clips());
        clips.addAll(manifest.splits().get("dev").clips());
        for (CorpusManifest.ClipSummary clip : clips) {
            double[] psd = Spectrum.welch(WavDecoder.decode(first.resolve(clip.wav()), 16_000).samples(), 2048);
            double total = Spectrum.bandPower(psd, 16_000, 0, 8_001);
            double aboveEdge = Spectrum.bandPower(psd, 16_000, clip.lowpassHz() + 200, 8_001);
            assertTrue(10 * Math.log10(aboveEdge / total) < -50, clip.wav() + " above its band");
            if (clip.lowpassHz() >= 7_000) {
                wide++;
                wideTotal += total;
                wideHigh += Spectrum.bandPower(psd, 16_000, 4_500, 6_500);
            } else {
                assertTrue(clip.lowpassHz() >= 3_400 && clip.lowpassHz() <= 4_000, clip.toString());
            }
        }
        assertTrue(wide >= 1 && wide < clips.size(), wide + " of " + clips.size() + " clips full band");
        // the fixture's music and noise are wideband: the full-band clips keep power at 4.5..6.5 kHz
        assertTrue(10 * Math.log10(wideHigh / wideTotal) > -30, 10 * Math.log10(wideHigh / wideTotal) + " dB");
        assertTrue(manifest.bandLimit().contains("full band"), manifest.bandLimit());
    }

    @Test
    void theEvaluationKnowsEachClipsSourcesFromTheManifest() {
        List<io.tagstream.evaluation.ReferencedRecording> dev = io.tagstream.evaluation.EvaluationSet
                .fromCorpus(first, io.tagstream.evaluation.EvaluationSplit.DEV).recordings();
        List<CorpusManifest.ClipSummary> clips = manifest.splits().get("dev").clips();
        assertEquals(clips.size(), dev.size());
        for (int i = 0; i < dev.size(); i++) {
            assertEquals(clips.get(i).sources(), dev.get(i).sources(), dev.get(i).name());
        }
    }

    @Test
    void aModelTrainedOnItSaysSoInItsTrainingDataLine() {
        String description = io.tagstream.training.TrainingCorpus.load(first, io.tagstream.features.FeatureSpec.DEFAULT,
                io.tagstream.model.LabelSet.DEFAULT, line -> { }).description();
        assertTrue(description.contains("with the real-recording source library (real-speech, real-music,"
                + " real-noise; their packages and licences in NOTICE.md)"), description);
    }

    @Test
    void twoRunsAreByteIdentical() throws IOException {
        for (Path f : files(first)) {
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(tmp.resolve("second")
                    .resolve(first.relativize(f))), f.toString());
        }
    }

    @Test
    void realGroupsWithoutALibraryAreRefusedInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorpusConfig.of(1, 1).withSources(REAL));
        assertTrue(e.getMessage().contains("need a source library"), e.getMessage());
        CorpusException missing = assertThrows(CorpusException.class, () -> SourceLibrary.read(tmp.resolve("none")));
        assertTrue(missing.getMessage().contains("tagstream sources --cache"), missing.getMessage());
    }

    /** Speech: Allison prompts (train) and Spanish prompts (dev); music: chords; noise: beds, clicks and a drum kit. */
    private static void writeLibrary(Path library) throws IOException, AudioFileException {
        List<LibraryEntry> entries = new ArrayList<>();
        Path prompts = SourceLocations.DEBIAN.asteriskSounds();
        int k = 0;
        for (String split : List.of("train", "dev")) {
            String voice = split.equals("train") ? "en_US_f_Allison/digits" : "es_MX_f_Allison/digits";
            String source = split + "-voice";
            for (int d = 1; d <= 6; d++) {
                Path from = prompts.resolve(voice).resolve(d + ".wav");
                float[] x = WavDecoder.decode(from, 16_000).samples();
                entries.add(entry(library, "fixture-speech", "speech", split, source, x, 8_000, k++));
            }
            Random r = new Random(split.hashCode());
            for (int t = 0; t < 3; t++) {
                entries.add(entry(library, "fixture-music", "music", split, split + "-tone", chord(8, r), 44_100,
                        k++));
                entries.add(entry(library, "fixture-noise", "noise", split, split + "-noise", white(5, r), 44_100,
                        k++));
                entries.add(entry(library, "fixture-noise", "noise", split, split + "-noise", white(0.2, r), 44_100,
                        k++));
                entries.add(entry(library, "hydrogen-drumkits", "noise", split, split + "-kit", white(0.1, r), 44_100,
                        k++));
            }
        }
        entries.add(new LibraryEntry("fixture-noise", "voice.wav", "excluded", "-", "-", 0, 0, "a voice", "-"));
        Files.createDirectories(library);
        SourceLibrary.write(library, entries);
    }

    private static LibraryEntry entry(Path library, String pkg, String label, String split, String source,
            float[] x, int rate, int k) throws IOException {
        String recording = "audio/" + pkg + "/" + k + ".wav";
        Files.createDirectories(library.resolve(recording).getParent());
        WavWriter.write(library.resolve(recording), x, 16_000);
        return new LibraryEntry(pkg, k + ".src", label, split, pkg + ":" + source, x.length / 16_000.0, rate,
                "fixture", recording);
    }

    /** Three partials of a random chord with harmonics up to 7 kHz. */
    private static float[] chord(double seconds, Random r) {
        float[] x = new float[(int) (seconds * 16_000)];
        for (int note = 0; note < 3; note++) {
            double f = 220 * Math.pow(2, r.nextInt(12) / 12.0);
            for (int h = 1; h * f < 7_000; h++) {
                for (int i = 0; i < x.length; i++) {
                    x[i] += (float) (0.1 / h * Math.sin(2 * Math.PI * f * h * i / 16_000));
                }
            }
        }
        return x;
    }

    private static float[] white(double seconds, Random r) {
        float[] x = new float[(int) (seconds * 16_000)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.2 * r.nextGaussian());
        }
        return x;
    }

    private static Set<String> ids(java.util.Map<String, List<String>> byClass) {
        Set<String> out = new HashSet<>();
        byClass.values().forEach(out::addAll);
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}

package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.WavDecoder;
import io.tagstream.reference.AudacityLabel;
import io.tagstream.reference.AudacityLabels;

/**
 * The corpus generator end to end, with the real sox and espeak-ng and the real Debian source packages. A missing
 * tool or package fails these tests with the package to install (they are never skipped).
 */
class CorpusGeneratorTest {

    private static final CorpusConfig CONFIG = CorpusConfig.of(1.0, 20_240_611L).withClipSeconds(10, 20);

    @TempDir
    static Path tmp;

    private static Path first;
    private static Path second;
    private static Path smaller;
    private static CorpusManifest manifest;

    @BeforeAll
    static void generateTwiceAndOnceSmaller() {
        first = tmp.resolve("first");
        second = tmp.resolve("second");
        smaller = tmp.resolve("smaller");
        manifest = CorpusGenerator.generate(CONFIG, first, line -> { });
        CorpusGenerator.generate(CONFIG, second, line -> { });
        CorpusGenerator.generate(new CorpusConfig(0.5, CONFIG.seed(), CONFIG.sources(), CONFIG.devFraction(),
                CONFIG.minClipSeconds(), CONFIG.maxClipSeconds(), CONFIG.locations()), smaller, line -> { });
    }

    @Test
    void twoRunsWithTheSameSeedAreByteIdentical() throws IOException {
        List<Path> files = files(first);
        assertEquals(files.stream().map(first::relativize).toList(),
                files(second).stream().map(second::relativize).toList());
        assertTrue(files.size() >= 5, "manifest + at least one clip per split: " + files);
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(second.resolve(first.relativize(f))),
                    "differs: " + first.relativize(f));
        }
    }

    @Test
    void clipKIsTheSameWhateverTheCorpusSize() throws IOException {
        for (String name : List.of(
                "train/clip-0001.wav", "train/clip-0001.txt", "dev/clip-0001.wav", "dev/clip-0001.txt")) {
            assertArrayEquals(Files.readAllBytes(first.resolve(name)), Files.readAllBytes(smaller.resolve(name)), name);
        }
        assertTrue(CorpusManifest.read(smaller.resolve(CorpusManifest.FILE_NAME)).splits().get("train").clips().size()
                < manifest.splits().get("train").clips().size());
    }

    @Test
    void wavFilesAre16kHzMono16BitAndExactlyAsLongAsTheirLabels() throws IOException, AudioFileException {
        for (CorpusManifest.ClipSummary clip : allClips()) {
            byte[] wav = Files.readAllBytes(first.resolve(clip.wav()));
            ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(1, b.getShort(20), "PCM");
            assertEquals(1, b.getShort(22), "mono");
            assertEquals(16_000, b.getInt(24), "rate");
            assertEquals(16, b.getShort(34), "bits");
            float[] samples = WavDecoder.decode(first.resolve(clip.wav()), 16_000).samples();
            List<AudacityLabel> labels = AudacityLabels.read(first.resolve(clip.labels()));
            assertEquals(labels.get(labels.size() - 1).endSeconds() * 16_000, samples.length, 1e-6, clip.wav());
            assertEquals(clip.seconds() * 16_000, samples.length, 1e-6, clip.wav());
            assertTrue(clip.seconds() >= CONFIG.minClipSeconds() && clip.seconds() <= CONFIG.maxClipSeconds() + 0.01);
        }
    }

    @Test
    void labelFilesTileEachClipWithoutGapsOrOverlaps() throws IOException {
        Set<String> known = Set.of("silence", "speech", "music", "noise");
        for (CorpusManifest.ClipSummary clip : allClips()) {
            List<AudacityLabel> labels = AudacityLabels.read(first.resolve(clip.labels()));
            double next = 0;
            String previous = null;
            for (AudacityLabel l : labels) {
                assertEquals(next, l.startSeconds(), 1e-9, clip.labels() + ": starts where the previous ends");
                assertTrue(known.contains(l.label()), l.label());
                assertFalse(l.label().equals(previous), clip.labels() + ": neighbours differ (maximal runs)");
                assertEquals(0, Math.abs(Math.round(l.endSeconds() * 100) - l.endSeconds() * 100), 1e-6,
                        "10 ms resolution");
                next = l.endSeconds();
                previous = l.label();
            }
            assertEquals(clip.seconds(), next, 1e-9, clip.labels() + ": covers the whole clip");
        }
    }

    /**
     * The layers file holds, per class, where it is present; the label rule applied to it (speech over music over
     * noise, silence where none is) gives the label file frame by frame, and every labelled class is present.
     */
    @Test
    void layerFilesGiveTheLabelsByThePriorityRule() throws IOException {
        long hiddenFrames = 0;
        for (CorpusManifest.ClipSummary clip : allClips()) {
            int frames = (int) Math.round(clip.seconds() * 100);
            String[] expected = perFrame(AudacityLabels.read(first.resolve(clip.labels())), frames);
            Path layersFile = first.resolve(clip.wav().replace(".wav", CorpusLayout.LAYERS_SUFFIX));
            List<AudacityLabel> layers = AudacityLabels.read(layersFile);
            String[] fromLayers = new String[expected.length];
            Arrays.fill(fromLayers, "silence");
            List<String> rank = List.of("silence", "noise", "music", "speech");
            for (AudacityLabel l : layers) {
                assertTrue(rank.indexOf(l.label()) > 0, layersFile + ": " + l.label());
                for (int f = (int) Math.round(l.startSeconds() * 100); f < Math.round(l.endSeconds() * 100); f++) {
                    if (rank.indexOf(l.label()) > rank.indexOf(fromLayers[f])) {
                        fromLayers[f] = l.label();
                    }
                    hiddenFrames += l.label().equals(expected[f]) ? 0 : 1;
                }
            }
            assertArrayEquals(expected, fromLayers, clip.wav());
        }
        assertTrue(hiddenFrames > 0, "some class lies under a higher one (speech over music or noise)");
    }

    private static String[] perFrame(List<AudacityLabel> labels, int frames) {
        String[] out = new String[frames];
        for (AudacityLabel l : labels) {
            Arrays.fill(out, (int) Math.round(l.startSeconds() * 100), (int) Math.round(l.endSeconds() * 100),
                    l.label());
        }
        return out;
    }

    @Test
    void everyClassIsPresentInTrainAndInDev() throws IOException {
        for (String split : List.of("train", "dev")) {
            Map<String, Double> sums = labelSums(manifest.splits().get(split).clips());
            for (String label : List.of("silence", "speech", "music", "noise")) {
                assertTrue(sums.getOrDefault(label, 0.0) > 0.5, split + " has " + sums);
            }
        }
    }

    @Test
    void devAndTrainShareNoSourceButDigitalSilence() {
        CorpusManifest.SplitSummary train = manifest.splits().get("train");
        CorpusManifest.SplitSummary dev = manifest.splits().get("dev");
        Set<String> shared = ids(train.sourcesUsed());
        shared.retainAll(ids(dev.sourcesUsed()));
        shared.remove(SplitSources.DIGITAL_SILENCE);
        assertEquals(Set.of(), shared, "sources used by both splits");
        Set<String> pools = ids(train.sourcePool());
        pools.retainAll(ids(dev.sourcePool()));
        assertEquals(Set.of(SplitSources.DIGITAL_SILENCE), pools, "sources available to both splits");
        assertTrue(ids(train.sourcesUsed()).stream().filter(s -> s.startsWith("prompt:"))
                .allMatch(s -> s.startsWith("prompt:en_US_f_Allison/")));
        assertTrue(ids(dev.sourcesUsed()).stream().filter(s -> s.startsWith("prompt:"))
                .allMatch(s -> s.startsWith("prompt:es_MX_f_Allison/")));
        for (CorpusManifest.SplitSummary split : List.of(train, dev)) {
            assertTrue(ids(split.sourcesUsed()).stream().noneMatch(s -> s.contains("/silence/")),
                    "no silence/ prompts");
            assertTrue(ids(split.sourcesUsed()).stream().filter(s -> s.startsWith("moh:")).allMatch(
                    s -> Set.of("moh:macroform-cold_day", "moh:macroform-robot_dity", "moh:manolo_camp-morning_coffee")
                            .contains(s)));
        }
    }

    @Test
    void manifestTotalsEqualTheSumsOfTheLabelFiles() throws IOException {
        for (CorpusManifest.SplitSummary split : manifest.splits().values()) {
            Map<String, Double> sums = labelSums(split.clips());
            for (String label : List.of("silence", "speech", "music", "noise")) {
                assertEquals(sums.getOrDefault(label, 0.0), split.classSeconds().get(label), 1e-6, label);
            }
            double clipSeconds = 0;
            for (CorpusManifest.ClipSummary clip : split.clips()) {
                Map<String, Double> clipSums = labelSums(List.of(clip));
                for (String label : clip.classSeconds().keySet()) {
                    assertEquals(clipSums.getOrDefault(label, 0.0), clip.classSeconds().get(label), 1e-6,
                            clip.labels() + " " + label);
                }
                clipSeconds += clip.seconds();
            }
            assertEquals(clipSeconds, split.seconds(), 1e-6);
            assertEquals(split.seconds(), split.classSeconds().values().stream().mapToDouble(d -> d).sum(), 1e-6);
        }
        assertTrue(manifest.splits().get("train").seconds() >= CONFIG.targetSeconds(Split.TRAIN));
        assertTrue(manifest.splits().get("dev").seconds() >= CONFIG.targetSeconds(Split.DEV));
    }

    @Test
    void manifestRecordsTheRunAndAReasonedDecisionPerSonicPiFamily() throws IOException {
        CorpusManifest read = CorpusManifest.read(first.resolve(CorpusManifest.FILE_NAME));
        assertEquals(manifest, read, "manifest.json reads back equal");
        assertEquals(CONFIG.seed(), read.seed());
        assertEquals(1.0, read.minutes());
        assertEquals(16_000, read.sampleRate());
        assertEquals(List.of("silence", "speech", "music", "noise"), read.labels());
        assertTrue(read.tools().get("sox").contains("SoX"), read.tools().toString());
        assertTrue(read.tools().get("espeak-ng").contains("eSpeak NG"), read.tools().toString());
        List<String> families = read.sonicPiFamilies().stream().map(CorpusManifest.FamilyDecision::family).toList();
        assertEquals(List.of("bass", "bd", "drum", "elec", "glitch", "guit", "loop", "mehackit", "perc", "sn", "tabla"),
                families);
        for (CorpusManifest.FamilyDecision d : read.sonicPiFamilies()) {
            assertTrue(Set.of("music", "noise").contains(d.label()), d.toString());
            assertTrue(d.reason().length() > 20, d.toString());
        }
        assertTrue(Files.readString(first.resolve(CorpusManifest.FILE_NAME)).contains("\"class\" : \"music\""));
    }

    /** Every clip: power above its low-pass edge + 200 Hz is at least 50 dB below its total power. */
    @Test
    void everyClipIsBandLimitedToItsBandOf4kHzOrLess() throws IOException, AudioFileException {
        for (CorpusManifest.ClipSummary clip : allClips()) {
            assertTrue(clip.lowpassHz() >= 3_400 && clip.lowpassHz() <= 4_000, clip.toString());
            double[] psd = Spectrum.welch(WavDecoder.decode(first.resolve(clip.wav()), 16_000).samples(), 2048);
            double above = Spectrum.bandPower(psd, 16_000, clip.lowpassHz() + 200, 8_001);
            double total = Spectrum.bandPower(psd, 16_000, 0, 8_001);
            assertTrue(10 * Math.log10(above / total) < -50,
                    clip.wav() + ": " + 10 * Math.log10(above / total) + " dB above " + (clip.lowpassHz() + 200)
                            + " Hz");
        }
    }

    /** The labels follow the audio: silence frames are quiet, labelled frames are not (levels of the manifest). */
    @Test
    void silenceFramesAreQuietAndLabelledFramesAreNot() throws IOException, AudioFileException {
        Map<String, List<Double>> levels = new TreeMap<>();
        for (CorpusManifest.ClipSummary clip : allClips()) {
            float[] x = WavDecoder.decode(first.resolve(clip.wav()), 16_000).samples();
            for (AudacityLabel l : AudacityLabels.read(first.resolve(clip.labels()))) {
                for (long f = Math.round(l.startSeconds() * 100); f < Math.round(l.endSeconds() * 100); f++) {
                    double ms = 0;
                    for (int i = 0; i < 160; i++) {
                        ms += x[(int) (f * 160 + i)] * (double) x[(int) (f * 160 + i)];
                    }
                    levels.computeIfAbsent(l.label(), k -> new ArrayList<>()).add(10 * Math.log10(ms / 160 + 1e-12));
                }
            }
        }
        double silence = percentile(levels.get("silence"), 0.9);
        assertTrue(silence < -50, "silence 90th percentile " + silence);
        for (String label : List.of("speech", "music", "noise")) {
            double median = percentile(levels.get(label), 0.5);
            assertTrue(median > -45, label + " median " + median);
        }
    }

    @Test
    void aNonEmptyOutputDirectoryIsRefused() {
        CorpusException e = assertThrows(CorpusException.class,
                () -> CorpusGenerator.generate(CONFIG, first, l -> { }));
        assertTrue(e.getMessage().endsWith("is not empty (synth writes only into a new or empty directory)"),
                e.getMessage());
    }

    private static List<CorpusManifest.ClipSummary> allClips() {
        List<CorpusManifest.ClipSummary> clips = new ArrayList<>(manifest.splits().get("train").clips());
        clips.addAll(manifest.splits().get("dev").clips());
        return clips;
    }

    private static Map<String, Double> labelSums(List<CorpusManifest.ClipSummary> clips) throws IOException {
        Map<String, Double> sums = new TreeMap<>();
        for (CorpusManifest.ClipSummary clip : clips) {
            for (AudacityLabel l : AudacityLabels.read(first.resolve(clip.labels()))) {
                sums.merge(l.label(), l.seconds(), Double::sum);
            }
        }
        return sums;
    }

    private static Set<String> ids(Map<String, List<String>> byClass) {
        Set<String> ids = new HashSet<>();
        byClass.values().forEach(ids::addAll);
        return ids;
    }

    private static double percentile(List<Double> values, double q) {
        double[] v = values.stream().mapToDouble(d -> d).toArray();
        Arrays.sort(v);
        return v[(int) Math.min(v.length - 1, Math.floor(q * v.length))];
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}

package io.tagstream.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.reference.AudacityLabel;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.WavWriter;
import io.tagstream.labels.LabellingMode;
import io.tagstream.labels.RecordingLabeller;
import io.tagstream.labels.SegmentPolicy;
import io.tagstream.labels.Segmenter;
import io.tagstream.model.Activation;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.LabelSet;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Evaluator}: a hand-scored frame sequence, and real WAV files labelled by a (random-weight) model against
 * label files made from that model's own per-frame labels, which pins the frame/time alignment exactly.
 */
class EvaluatorTest {

    private static final List<String> TWO = List.of("x", "y");

    @TempDir
    static Path dir;
    static Encoder encoder;
    static RecordingLabeller labeller;
    static Path wav;
    static int[] ownLabels; // [T] the model's argmax per frame of wav

    @BeforeAll
    static void recordingAndModel() throws Exception {
        EncoderConfig config = new EncoderConfig(FeatureSpec.DEFAULT.dims(), 32, 2, 64, 2, 8, 1, 4,
                PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU);
        encoder = Encoder.create(EncoderWeights.random(config, 5));
        labeller = new RecordingLabeller(encoder, FeatureSpec.DEFAULT, LabelSet.DEFAULT.names(),
                new SegmentPolicy(1, 0.0));
        Random random = new Random(6);
        float[] x = new float[40_000]; // 2.5 s: 0.5 s of tone, 0.5 s of noise, ...
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((i / 8_000) % 2 == 0 ? 0.3 * Math.sin(i * 0.2) : 0.2 * random.nextGaussian());
        }
        wav = dir.resolve("take.wav");
        WavWriter.write(wav, x, 16_000);
        float[][] p = labeller.label(wav, LabellingMode.OFFLINE).probabilities(); // [T][4]
        ownLabels = new int[p.length];
        for (int t = 0; t < p.length; t++) {
            ownLabels[t] = Segmenter.argmax(p[t]);
        }
        assertFalse(CollarMask.boundaries(ownLabels).isEmpty(), "the model changes its label in this recording");
    }

    @AfterAll
    static void closeEncoder() {
        encoder.close();
    }

    @Test
    void framesAreUnlabelledInTheCollarOrScored() {
        // hop 10 ms, collar 20 ms -> n = 2. Reference (T = 14, -1 unlabelled):
        //   t:   0  1  2  3  4  5  6  7  8  9 10 11 12 13
        //   ref: 0  0  0  0  0  0  1  1  1  1  1  1 -1 -1     boundaries 6 and 12
        //   out:             x  x  x  x        x  x  x  x     (4..7 and 10..13)
        // unlabelled 12, 13 (2); in collar 4, 5, 6, 7, 10, 11 (6); scored 0, 1, 2, 3, 8, 9 (6)
        // as regions: x covers the centres of frames 0-5, y those of 6-11; 12 and 13 lie in no region
        List<AudacityLabel> reference = List.of(new AudacityLabel(0.0, 0.06, "x"), new AudacityLabel(0.06, 0.12, "y"));
        int[] predicted = {0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1};
        RecordingResult r = scored(reference, null, 2, predicted);
        assertEquals(14, r.frames());
        assertEquals(2, r.unlabelled());
        assertEquals(6, r.inCollar());
        // scored: ref 0 -> 0, 1, 0, 0 (frames 0-3); ref 1 -> 1, 0 (frames 8, 9)
        assertArrayEquals(new long[][] {{3, 1}, {1, 1}}, r.confusion().counts());
    }

    @Test
    void scoredFramesAreAlsoCountedByWhatIsPresentInThem() {
        // no collar; frame 5 unlabelled. Mixtures and scored frames:
        //   t:    0  1  2  3  4  5
        //   ref:  0  0  1  1  1 -1
        //   out:  0  1  1  0  1  0
        //   mix:  a  a  b  b  a  b
        // a: ref 0 -> 0, 1 (t 0, 1); ref 1 -> 1 (t 4)      b: ref 1 -> 1, 0 (t 2, 3)
        // as regions: x frames 0-1, y frames 2-4, frame 5 in none; layers of classes the model lacks, named as such
        List<AudacityLabel> reference = List.of(new AudacityLabel(0.0, 0.02, "x"), new AudacityLabel(0.02, 0.05, "y"));
        List<AudacityLabel> layers = List.of(new AudacityLabel(0.0, 0.02, "a"), new AudacityLabel(0.02, 0.04, "b"),
                new AudacityLabel(0.04, 0.05, "a"), new AudacityLabel(0.05, 0.06, "b"));
        int[] predicted = {0, 1, 1, 0, 1, 0};
        RecordingResult r = scored(reference, layers, 0, predicted);
        assertEquals(List.of("a", "b"), List.copyOf(r.byMixture().keySet()));
        assertArrayEquals(new long[][] {{1, 1}, {0, 1}}, r.byMixture().get("a").counts());
        assertArrayEquals(new long[][] {{0, 0}, {1, 1}}, r.byMixture().get("b").counts());
        assertArrayEquals(new long[][] {{1, 1}, {1, 2}}, r.confusion().counts());
        assertTrue(scored(reference, null, 0, predicted).byMixture().isEmpty());
    }

    @Test
    void framesCountForEverySourceOfTheirReferenceClassGroupedByVoiceAndFamily() {
        // t:    0  1  2  3  4  5          ref x frames 0-1, y frames 2-4, frame 5 unlabelled
        // ref:  0  0  1  1  1 -1          x sources: two prompts of one voice (one source) and an espeak voice
        // out:  0  1  1  0  1  0          y sources: two sonic-pi bd samples (one family)
        // x: (0->0), (0->1) for both x sources; y: (1->1), (1->0), (1->1) for sonic-pi:bd
        List<AudacityLabel> reference = List.of(new AudacityLabel(0.0, 0.02, "x"), new AudacityLabel(0.02, 0.05, "y"));
        Map<String, List<String>> sources = Map.of(
                "x", List.of("prompt:es_MX_f_Allison/digits/1.wav", "prompt:es_MX_f_Allison/digits/2.wav",
                        "espeak:nl+m5"),
                "y", List.of("sonic-pi:bd_808", "sonic-pi:bd_haus"),
                "silence", List.of("floor:pink"));
        RecordingResult r = scored(reference, null, 0, new int[] {0, 1, 1, 0, 1, 0}, sources);
        assertEquals(List.of("espeak:nl+m5", "prompt:es_MX_f_Allison", "sonic-pi:bd"), List.copyOf(r.bySource().keySet()));
        assertArrayEquals(new long[][] {{1, 1}, {0, 0}}, r.bySource().get("prompt:es_MX_f_Allison").counts());
        assertArrayEquals(new long[][] {{1, 1}, {0, 0}}, r.bySource().get("espeak:nl+m5").counts());
        assertArrayEquals(new long[][] {{0, 0}, {1, 2}}, r.bySource().get("sonic-pi:bd").counts());
        assertTrue(scored(reference, null, 0, new int[] {0, 1, 1, 0, 1, 0}).bySource().isEmpty());
        EvaluationReport report = EvaluationReport.of("m", "d", 0, 10, ScoredLabels.FRAMES, TWO, List.of(r, r));
        assertEquals(List.of("espeak:nl+m5", "prompt:es_MX_f_Allison", "sonic-pi:bd"),
                List.copyOf(report.bySource().keySet()), "by reference label, then largest first, then name");
        assertEquals(6, report.bySource().get("sonic-pi:bd").total());
        String md = ReportText.markdown(report, "confusion.png");
        assertTrue(md.contains("## By source"), md);
        assertTrue(md.contains("| sonic-pi:bd | 6 | 60.00 % | 0.6667 | 33.33 % | 66.67 % |\n"), md);
    }

    /**
     * A recording of {@code predicted.length} 10 ms frames scored as the evaluator scores it: a {@link RecordingScorer}
     * fed each frame's prediction as a one-hot probability row.
     */
    private static RecordingResult scored(List<AudacityLabel> reference, List<AudacityLabel> layers, int collarFrames,
                                          int[] predicted) {
        return scored(reference, layers, collarFrames, predicted, Map.of());
    }

    private static RecordingResult scored(List<AudacityLabel> reference, List<AudacityLabel> layers, int collarFrames,
                                          int[] predicted, Map<String, List<String>> sources) {
        RecordingScorer scorer = new RecordingScorer("hand", reference, layers, new LabelSet(TWO), 0.01,
                collarFrames, ScoredLabels.FRAMES, "hand.txt", sources);
        scorer.begin(predicted.length);
        for (int t = 0; t < predicted.length; t++) {
            float[] p = new float[TWO.size()];
            p[predicted[t]] = 1f;
            scorer.frame(t, p);
        }
        return scorer.result();
    }

    @Test
    void theModelsOwnLabelsScorePerfectly() throws Exception {
        Path labels = writeLabels("own.txt", ownLabels, 0);
        EvaluationSet set = EvaluationSet.single(wav, labels);
        EvaluationReport exact = evaluator(0).evaluate(set, "random", line -> { });
        assertEquals(ownLabels.length, exact.frames());
        assertEquals(ownLabels.length, exact.scoredFrames());
        assertEquals(1.0, exact.accuracy());

        EvaluationReport collared = evaluator(100).evaluate(set, "random", line -> { });
        long excluded = count(CollarMask.inCollar(ownLabels, 10));
        assertEquals(excluded, collared.collarFrames());
        assertEquals(ownLabels.length - excluded, collared.scoredFrames());
        assertEquals(1.0, collared.accuracy());
    }

    @Test
    void aReferenceOneFrameLateMissesOneFramePerBoundaryUnlessTheCollarCoversIt() throws Exception {
        // reference frame k = the model's label of frame k - 1: wrong exactly where the model changed its label;
        // frame 0 is unlabelled (the label file starts at 10 ms)
        Path labels = writeLabels("late.txt", ownLabels, 1);
        EvaluationSet set = EvaluationSet.single(wav, labels);
        EvaluationReport exact = evaluator(0).evaluate(set, "random", line -> { });
        int boundaries = CollarMask.boundaries(ownLabels).size();
        assertEquals(1, exact.unlabelledFrames());
        assertEquals(ownLabels.length - 1, exact.scoredFrames());
        assertEquals(boundaries, exact.scoredFrames() - exact.confusion().correct());

        // a 10 ms collar removes each boundary's two neighbouring frames, which hold every miss
        EvaluationReport collared = evaluator(10).evaluate(set, "random", line -> { });
        assertEquals(1.0, collared.accuracy());
    }

    @Test
    void segmentLabelsOfOneFrameSegmentsAreTheFrameLabels() throws Exception {
        EvaluationSet set = EvaluationSet.single(wav, writeLabels("own2.txt", ownLabels, 0));
        Evaluator segments = new Evaluator(labeller, LabelSet.DEFAULT, 10, 0, ScoredLabels.SEGMENTS);
        assertEquals(1.0, segments.evaluate(set, "random", line -> { }).accuracy());
    }

    @Test
    void badDataIsAOneLineEvaluationException() throws Exception {
        Path unknown = dir.resolve("unknown.txt");
        Files.writeString(unknown, "0.0\t1.0\tbirdsong\n");
        EvaluationException label = assertThrows(EvaluationException.class,
                () -> evaluator(100).evaluate(EvaluationSet.single(wav, unknown), "m", line -> { }));
        assertTrue(label.getMessage().startsWith("unknown.txt: label 1 'birdsong' is not one of"), label.getMessage());

        Path junk = dir.resolve("junk.wav");
        Files.writeString(junk, "not audio");
        EvaluationException audio = assertThrows(EvaluationException.class,
                () -> evaluator(100).evaluate(EvaluationSet.single(junk, unknown), "m", line -> { }));
        assertTrue(audio.getMessage().contains("junk.wav"), audio.getMessage());

        assertMessage(dir.resolve("none") + ": no such corpus directory",
                () -> EvaluationSet.fromCorpus(dir.resolve("none"), EvaluationSplit.DEV));
        Files.createDirectories(dir.resolve("corpus/dev"));
        assertMessage(dir.resolve("corpus") + ": no train/ directory",
                () -> EvaluationSet.fromCorpus(dir.resolve("corpus"), EvaluationSplit.ALL));
        assertMessage(dir.resolve("corpus/dev") + ": no .wav clips",
                () -> EvaluationSet.fromCorpus(dir.resolve("corpus"), EvaluationSplit.DEV));
        Files.copy(wav, dir.resolve("corpus/dev/clip-0001.wav"));
        assertMessage(dir.resolve("corpus/dev/clip-0001.wav") + ": no label file clip-0001.txt",
                () -> EvaluationSet.fromCorpus(dir.resolve("corpus"), EvaluationSplit.DEV));
        Files.writeString(dir.resolve("corpus/dev/clip-0001.txt"), "0\t1\tspeech\n");
        EvaluationSet corpus = EvaluationSet.fromCorpus(dir.resolve("corpus"), EvaluationSplit.DEV);
        assertEquals("dev split of corpus 'corpus'", corpus.description());
        assertEquals("dev/clip-0001.wav", corpus.recordings().get(0).name());
    }

    private static Evaluator evaluator(double collarMillis) {
        return new Evaluator(labeller, LabelSet.DEFAULT, 10, collarMillis, ScoredLabels.FRAMES);
    }

    /** An Audacity label file of the runs of {@code perFrame}, starting {@code delay} frames late. */
    private static Path writeLabels(String name, int[] perFrame, int delay) throws Exception {
        StringBuilder text = new StringBuilder();
        int start = 0;
        for (int t = 1; t <= perFrame.length; t++) {
            if (t == perFrame.length || perFrame[t] != perFrame[start]) {
                text.append(String.format(Locale.ROOT, "%.6f\t%.6f\t%s%n", (start + delay) * 0.01,
                        (t + delay) * 0.01, LabelSet.DEFAULT.name(perFrame[start])));
                start = t;
            }
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static long count(boolean[] mask) {
        long n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable action) {
        EvaluationException e = assertThrows(EvaluationException.class, action);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}

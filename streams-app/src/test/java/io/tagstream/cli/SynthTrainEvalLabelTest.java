package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagstream.corpus.CorpusManifest;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.WavDecoder;
import io.tagstream.model.ModelFile;

/**
 * What a clean clone can do (issue 4, "must show"), through the {@code tagstream} command line: {@code synth} a
 * one-minute corpus (real sox, espeak-ng and the Debian sound packages), {@code train} a tiny model for one epoch,
 * {@code eval} it, and {@code label} a file with a plot. Checks that each step succeeds and that the outputs are
 * consistent with each other, not how good the tiny model is.
 */
class SynthTrainEvalLabelTest {

    private static final String TINY_PLAN = "{\"encoder\": {\"modelDims\": 16, \"heads\": 2, \"feedForwardDims\": 32,"
            + " \"layers\": 1, \"leftContext\": 8, \"rightContext\": 1},"
            + " \"training\": {\"batchSize\": 4, \"cropFrames\": 48, \"stepsPerEpoch\": 4, \"maxEpochs\": 1}}";

    @TempDir
    Path tmp;

    @Test
    void synthTrainEvalAndLabel() throws Exception {
        Path corpus = tmp.resolve("corpus");
        run("synth", "--out", corpus.toString(), "--minutes", "1", "--seed", "3", "--clip-seconds", "5-10",
                "--quiet");
        Files.writeString(tmp.resolve("tiny.json"), TINY_PLAN);
        Path model = tmp.resolve("models").resolve("tiny.zip");
        run("train", "--data", corpus.toString(), "--out", model.toString(), "--config",
                tmp.resolve("tiny.json").toString(), "--quiet");

        TagstreamCommandTest.Run eval = run("eval", "--model", model.toString(), "--data", corpus.toString(),
                "--json");
        Path reportDir = tmp.resolve("models").resolve("tiny-eval");
        assertEquals(Files.readString(reportDir.resolve("report.json")), eval.out);
        assertTrue(Files.size(reportDir.resolve("confusion.png")) > 0);
        assertTrue(Files.readString(reportDir.resolve("report.md")).contains("## Confusion matrix"));
        assertConsistent(new ObjectMapper().readTree(eval.out), corpus);

        JsonNode noCollar = new ObjectMapper().readTree(run("eval", "--model", model.toString(), "--data",
                corpus.toString(), "--collar-ms", "0", "--out", tmp.resolve("no-collar").toString(), "--json").out);
        assertSameAsTrainingValidation(noCollar, ModelFile.read(model).provenance().metrics());

        JsonNode all = new ObjectMapper().readTree(run("eval", "--model", model.toString(), "--data",
                corpus.toString(), "--split", "all", "--out", tmp.resolve("all").toString(), "--json").out);
        assertEquals(wavs(corpus.resolve("train")).size() + wavs(corpus.resolve("dev")).size(),
                all.path("recordings").size());

        Path clip = wavs(corpus.resolve("dev")).get(0);
        Path png = tmp.resolve("clip.png");
        LabelPlotTest.LabelRun label = LabelPlotTest.label("--model", model.toString(), "--input", clip.toString(),
                "--plot", png.toString());
        assertEquals(0, label.run().exitCode, label.run().err);
        List<String> segments = label.labels().lines().toList();
        long frames = frameCount(clip);
        double end = 0;
        for (String line : segments) {
            String[] cols = line.split("\t");
            assertEquals(end, Double.parseDouble(cols[0]), 1e-9, "segments tile the file: " + line);
            end = Double.parseDouble(cols[1]);
        }
        assertEquals(frames * 0.01, end, 1e-9, "the last segment ends with the last frame");
        double seconds = WavDecoder.decode(clip, 16_000).durationSeconds();
        LabelPlotTest.assertLabelTrackMatches(png, segments, seconds);
    }

    /**
     * Without a collar, eval scores every frame of the dev split as the trainer's validation did (its own path: the
     * training corpus loader, {@code DevEvaluation}, {@code FrameScores}), so it must reproduce the dev figures the
     * trainer stored in the model's provenance.
     */
    private static void assertSameAsTrainingValidation(JsonNode report, Map<String, Double> metrics) {
        assertEquals(metrics.get("devFrameAccuracy"), report.path("frame_accuracy").asDouble(), 1e-12);
        assertEquals(metrics.get("devMacroF1"), report.path("macro_f1").asDouble(), 1e-12);
        for (String label : List.of("silence", "speech", "music", "noise")) {
            JsonNode f1 = report.path("classes").path(label).path("f1");
            // FrameScores gives 0 where eval's F1 is undefined (the label occurs neither way)
            assertEquals(metrics.get("devF1." + label), f1.isNull() ? 0.0 : f1.asDouble(), 1e-12, label);
        }
    }

    /** Frame counts add up, the matrix holds the scored frames, and reference frames fit the manifest. */
    private static void assertConsistent(JsonNode report, Path corpus) throws Exception {
        List<Path> dev = wavs(corpus.resolve("dev"));
        assertEquals(dev.size(), report.path("recordings").size());
        long expectedFrames = 0;
        for (Path wav : dev) {
            expectedFrames += frameCount(wav);
        }
        JsonNode frames = report.path("frames");
        assertEquals(expectedFrames, frames.path("total").asLong());
        long scored = frames.path("scored").asLong();
        assertEquals(expectedFrames, scored + frames.path("in_collar").asLong() + frames.path("unlabelled").asLong());
        assertTrue(scored > expectedFrames / 2, "most frames are scored: " + frames);
        long matrixSum = 0;
        long diagonal = 0;
        JsonNode counts = report.path("confusion").path("counts");
        for (int r = 0; r < counts.size(); r++) {
            for (int p = 0; p < counts.size(); p++) {
                matrixSum += counts.path(r).path(p).asLong();
                diagonal += r == p ? counts.path(r).path(p).asLong() : 0;
            }
        }
        assertEquals(scored, matrixSum, "the confusion matrix holds exactly the scored frames");
        assertEquals((double) diagonal / scored, report.path("frame_accuracy").asDouble(), 1e-12);
        CorpusManifest manifest = CorpusManifest.read(corpus.resolve(CorpusManifest.FILE_NAME));
        Map<String, Double> classSeconds = manifest.splits().get("dev").classSeconds();
        long referenceSum = 0;
        for (String label : List.of("silence", "speech", "music", "noise")) {
            long reference = report.path("classes").path(label).path("reference_frames").asLong();
            referenceSum += reference;
            double labelled = classSeconds.getOrDefault(label, 0.0) * 100;
            assertTrue(reference <= labelled + 1e-6, label + ": " + reference + " scored of " + labelled + " labelled");
        }
        assertEquals(scored, referenceSum);
        long byMixture = 0;
        for (JsonNode mixture : report.path("by_mixture")) {
            byMixture += mixture.path("scored").asLong();
        }
        assertEquals(scored, byMixture, "synth wrote layers files; every scored frame is in one mixture");
        assertTrue(report.path("by_mixture").has("nothing") && report.path("by_mixture").has("music"),
                report.path("by_mixture").toString());
    }

    private static TagstreamCommandTest.Run run(String... args) {
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run(args);
        assertEquals(0, run.exitCode, String.join(" ", args) + ": " + run.err);
        return run;
    }

    private static List<Path> wavs(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
    }

    private static long frameCount(Path wav) throws Exception {
        return StreamingFeatureExtractor.frameCount(FeatureSpec.DEFAULT,
                WavDecoder.decode(wav, FeatureSpec.DEFAULT.sampleRate()).samples().length);
    }
}

package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.WavWriter;
import io.tagstream.model.ModelFile;

/**
 * {@code tagstream calibrate} as a user runs it: a random-weight model fitted on a one-clip dev split; the written
 * model is the input model with the printed offsets added to its classifier bias and said so in its provenance.
 */
class CalibrateCommandTest {

    @TempDir
    static Path dir;
    static Path model;
    static Path corpus;

    @BeforeAll
    static void files() throws Exception {
        model = RandomModelFile.write(dir.resolve("random.zip"), 8);
        corpus = dir.resolve("corpus");
        Path dev = Files.createDirectories(corpus.resolve("dev"));
        Random random = new Random(9);
        float[] x = new float[64_000]; // 4 s: silence, a tone, noise, a chirp
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (i < 16_000 ? 0 : i < 32_000 ? 0.3 * Math.sin(i * 0.2)
                    : i < 48_000 ? 0.2 * random.nextGaussian() : 0.3 * Math.sin(i * i * 2e-6));
        }
        WavWriter.write(dev.resolve("clip.wav"), x, 16_000);
        Files.writeString(dev.resolve("clip.txt"), "0.000000\t1.000000\tsilence\n1.000000\t2.000000\tmusic\n"
                + "2.000000\t3.000000\tnoise\n3.000000\t4.000000\tspeech\n");
    }

    @Test
    void theFittedOffsetsGoIntoTheBiasAndTheProvenance() throws Exception {
        Path out = dir.resolve("calibrated.zip");
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run("calibrate", "--model", model.toString(),
                "--data", corpus.toString(), "--out", out.toString(), "--max-false-speech", "100");
        assertEquals(0, run.exitCode, run.err);
        // boundaries at 1, 2 and 3 s, 10 frames on each side of each in the 100 ms collar
        long frames = StreamingFeatureExtractor.frameCount(FeatureSpec.DEFAULT, 64_000) - 60;
        assertTrue(run.out.contains("fitted on " + frames + " frames of 1 dev clips"), run.out);
        assertTrue(run.out.contains("macro F1"), run.out);
        ModelFile before = ModelFile.read(model);
        ModelFile after = ModelFile.read(out);
        String added = run.out.lines().filter(l -> l.startsWith("offsets added: ")).findFirst().orElseThrow()
                .substring("offsets added: ".length());
        float[] bias = before.weights().classifierBias().toArray();
        if (!added.startsWith("none")) {
            for (String part : added.split(", ")) {
                String[] labelAndOffset = part.split(" ");
                int c = before.labels().indexOf(labelAndOffset[0]);
                bias[c] += (float) Double.parseDouble(labelAndOffset[1]);
            }
        }
        float[] calibrated = after.weights().classifierBias().toArray();
        for (int c = 0; c < bias.length; c++) {
            assertEquals(bias[c], calibrated[c], 0.005f, "bias of label " + c + " (offsets printed to 2 places)");
        }
        assertEquals(before.weights().tensors().keySet(), after.weights().tensors().keySet());
        assertTrue(after.provenance().trainingData().endsWith(
                "; logit offsets fitted by tagstream calibrate on the dev split of corpus 'corpus'"),
                after.provenance().trainingData());
        for (Map.Entry<String, Double> metric : after.provenance().metrics().entrySet()) {
            assertTrue(metric.getKey().startsWith("logitOffset."), metric.getKey());
        }
    }

    @Test
    void mistakesAreOneLineErrors() {
        TagstreamCommandTest.Run same = new TagstreamCommandTest.Run("calibrate", "--model", model.toString(),
                "--data", corpus.toString(), "--out", model.toString());
        assertEquals(2, same.exitCode);
        assertTrue(same.err.contains("--out must not be the --model file"), same.err);

        TagstreamCommandTest.Run noCorpus = new TagstreamCommandTest.Run("calibrate", "--model", model.toString(),
                "--data", dir.resolve("nowhere").toString(), "--out", dir.resolve("x.zip").toString());
        assertEquals(TagstreamCommand.EXIT_BAD_INPUT, noCorpus.exitCode);
        assertEquals(1, noCorpus.err.strip().lines().count(), noCorpus.err);
        assertTrue(noCorpus.err.contains("no such corpus directory"), noCorpus.err);
        assertFalse(Files.exists(dir.resolve("x.zip")));

        TagstreamCommandTest.Run badCap = new TagstreamCommandTest.Run("calibrate", "--model", model.toString(),
                "--data", corpus.toString(), "--out", dir.resolve("y.zip").toString(), "--max-false-speech", "150");
        assertEquals(2, badCap.exitCode);
        assertTrue(badCap.err.contains("--max-false-speech must be a percentage in 0..100"), badCap.err);
    }
}

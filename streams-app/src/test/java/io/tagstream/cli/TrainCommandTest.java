package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.corpus.CorpusConfig;
import io.tagstream.corpus.CorpusGenerator;
import io.tagstream.model.ModelFile;
import io.tagstream.training.Checkpoint;
import io.tagstream.training.FeatureAugmentation;
import io.tagstream.training.LogitOffsets;
import io.tagstream.training.TrainingPlan;

/** {@code tagstream train} as a user runs it, on a real 1-minute synth corpus with a tiny encoder. */
class TrainCommandTest {

    private static final String TINY_PLAN = "{\"encoder\": {\"modelDims\": 16, \"heads\": 2, \"feedForwardDims\": 32,"
            + " \"layers\": 1, \"leftContext\": 8, \"rightContext\": 1},"
            + " \"training\": {\"batchSize\": 4, \"cropFrames\": 48, \"stepsPerEpoch\": 2, \"maxEpochs\": 2},"
            + " \"augmentation\": {\"gainDb\": 6, \"frequencyMasks\": 1, \"maxMaskBands\": 3},"
            + " \"decision\": {\"logitOffsets\": {\"speech\": -0.5}}}";

    @TempDir
    static Path tmp;

    @BeforeAll
    static void makeCorpus() throws Exception {
        CorpusGenerator.generate(CorpusConfig.of(1.0, 4).withClipSeconds(5, 10), tmp.resolve("corpus"), line -> { });
        Files.writeString(tmp.resolve("tiny.json"), TINY_PLAN);
    }

    @Test
    void helpNamesTheOptions() {
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run("train", "--help");
        assertEquals(0, run.exitCode);
        for (String option : new String[] {"--data", "--out", "--config", "--resume", "--seed", "--epochs",
            "--max-minutes"}) {
            assertTrue(run.out.contains(option), option + " in " + run.out);
        }
    }

    @Test
    void trainsWritesAModelAndResumesWithMoreEpochs() throws Exception {
        Path model = tmp.resolve("run").resolve("model.zip");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        TagstreamCommandTest.Run run;
        TagstreamCommandTest.Run resumed;
        try {
            run = new TagstreamCommandTest.Run("train", "--data", tmp.resolve("corpus").toString(), "--out",
                    model.toString(), "--config", tmp.resolve("tiny.json").toString(), "--seed", "3", "--quiet");
            resumed = new TagstreamCommandTest.Run("train", "--data", tmp.resolve("corpus").toString(), "--out",
                    model.toString(), "--resume", tmp.resolve("run/model.checkpoint.zip").toString(),
                    "--epochs", "3");
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.err.isEmpty(), "--quiet: " + run.err);
        assertTrue(run.out.startsWith("model: " + model + " (epoch "), run.out);
        assertTrue(run.out.contains(" of 2; dev frame accuracy "), run.out);
        assertFalse(captured.toString(StandardCharsets.UTF_8).contains("differentiated"),
                "ND4J's gradient-building chatter stays off standard output");
        for (String file : new String[] {"model.training.json", "model.training.png", "model.checkpoint.zip"}) {
            assertTrue(Files.isRegularFile(tmp.resolve("run").resolve(file)), file);
        }
        assertEquals(3, ModelFile.read(model).provenance().seed());

        assertEquals(0, resumed.exitCode, resumed.err);
        assertTrue(resumed.out.contains(" of 3; "), resumed.out);
        assertTrue(resumed.err.contains("epoch 3: 2 steps, train loss "), resumed.err);
        assertFalse(resumed.err.contains("epoch 1:"), "resumed after epoch 2: " + resumed.err);
        assertWholePlan(Checkpoint.read(tmp.resolve("run/model.checkpoint.zip")).plan(), 3, 3);
    }

    /**
     * --seed (first run) and --epochs (resumed run) change only those: the config file's augmentation and logit
     * offsets stay in the plan.
     */
    private static void assertWholePlan(TrainingPlan plan, long seed, int maxEpochs) {
        assertEquals(seed, plan.parameters().seed());
        assertEquals(maxEpochs, plan.parameters().maxEpochs());
        assertEquals(new FeatureAugmentation(6, 0, 1, 3), plan.augmentation());
        assertEquals(new LogitOffsets(Map.of("speech", -0.5)), plan.logitOffsets());
    }

    @Test
    void badFlagsAndInputsAreOneLineErrors() throws Exception {
        String corpus = tmp.resolve("corpus").toString();
        String out = tmp.resolve("bad").resolve("m.zip").toString();
        assertOneLine(new TagstreamCommandTest.Run("train", "--out", out), 2,
                "tagstream train: Missing required option: '--data=DIR'");
        assertOneLine(new TagstreamCommandTest.Run("train", "--data", corpus, "--out", out, "--resume", "c.zip",
                "--seed", "2"), 2, "tagstream train: --resume continues the checkpoint's plan, seed and labels");
        assertOneLine(new TagstreamCommandTest.Run("train", "--data", corpus, "--out", out, "--labels",
                "speech,speech"), 2, "tagstream train: --labels: label \"speech\" appears twice");
        assertOneLine(new TagstreamCommandTest.Run("train", "--data", corpus, "--out", out, "--max-minutes", "0"),
                2, "tagstream train: --max-minutes must be a positive number of minutes");
        assertOneLine(new TagstreamCommandTest.Run("train", "--data", tmp.resolve("nothing").toString(), "--out",
                out), 3, "tagstream train: " + tmp.resolve("nothing") + ": no such corpus directory");
        Path badPlan = tmp.resolve("bad.json");
        Files.writeString(badPlan, "{\"encoder\": {\"heads\": 5}}");
        assertOneLine(new TagstreamCommandTest.Run("train", "--data", corpus, "--out", out, "--config",
                badPlan.toString()), 3, "tagstream train: bad.json: invalid encoder config: model dims 128 must be"
                + " divisible by heads 5");
        assertOneLine(new TagstreamCommandTest.Run("train", "--data", corpus, "--out", out, "--resume",
                badPlan.toString()), 3, "tagstream train: " + badPlan + ": not a training checkpoint");
    }

    private static void assertOneLine(TagstreamCommandTest.Run run, int exitCode, String start) {
        assertEquals(exitCode, run.exitCode, run.err);
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertTrue(run.err.startsWith(start), run.err);
        assertFalse(run.err.contains("\tat "), "no stack trace: " + run.err);
    }
}

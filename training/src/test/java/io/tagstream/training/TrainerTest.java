package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagstream.corpus.CorpusConfig;
import io.tagstream.corpus.CorpusGenerator;
import io.tagstream.features.FeatureSpec;
import io.tagstream.model.Activation;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.LabelSet;
import io.tagstream.model.ModelFile;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end on a real synth corpus (1 minute, made by {@link CorpusGenerator} with sox and espeak-ng): a short run
 * writes a model file that {@link ModelFile#read} accepts, with the training normalisation, provenance and the best
 * epoch's dev metrics (recomputed here with the inference engine); the log, curve and checkpoint are written; the
 * same seed gives a byte-identical model; and resuming a checkpoint gives exactly the model of an uninterrupted run.
 */
class TrainerTest {

    private static final Duration UNLIMITED = Duration.ofDays(1);

    @TempDir
    static Path dir;
    private static TrainingCorpus corpus;

    @BeforeAll
    static void makeCorpus() {
        CorpusGenerator.generate(CorpusConfig.of(1.0, 5).withClipSeconds(5, 10), dir.resolve("corpus"), line -> { });
        corpus = TrainingCorpus.load(dir.resolve("corpus"), FeatureSpec.DEFAULT, LabelSet.DEFAULT, line -> { });
    }

    private static TrainingPlan plan(long seed, int maxEpochs) {
        return plan(seed, maxEpochs, 0);
    }

    private static TrainingPlan plan(long seed, int maxEpochs, int averagingSteps) {
        return plan(seed, maxEpochs, averagingSteps, 1);
    }

    private static TrainingPlan plan(long seed, int maxEpochs, int averagingSteps, int workers) {
        EncoderConfig encoder = new EncoderConfig(FeatureSpec.DEFAULT.dims(), 16, 2, 32, 2, 8, 1,
                LabelSet.DEFAULT.size(), PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU);
        return new TrainingPlan(encoder, TrainingParameters.defaults(seed).withBatchSize(4).withCropFrames(48)
                .withLearningRate(3e-3, 1).withAveragingSteps(averagingSteps).withMaxEpochs(maxEpochs)
                .withStepsPerEpoch(3).withWorkers(workers));
    }

    private static TrainingFiles files(String run) throws Exception {
        Files.createDirectories(dir.resolve(run));
        return TrainingFiles.beside(dir.resolve(run).resolve("model.zip"));
    }

    private static Trainer trainer(TrainingFiles files) {
        return new Trainer(corpus, FeatureSpec.DEFAULT, LabelSet.DEFAULT, files, TrainingProgress.SILENT);
    }

    @Test
    void aShortRunWritesALoadableModelWithItsProvenanceAndTheLogCurveAndCheckpoint() throws Exception {
        TrainingFiles files = files("short");
        TrainingOutcome outcome = trainer(files).train(plan(3, 2), UNLIMITED);

        assertEquals(StopReason.MAX_EPOCHS, outcome.stopReason());
        assertEquals(2, outcome.epochs().size());
        ModelFile model = ModelFile.read(files.model());
        assertEquals(FeatureSpec.DEFAULT, model.featureSpec());
        assertEquals(LabelSet.DEFAULT, model.labels());
        FeatureStatistics statistics = FeatureStatistics.of(corpus.train());
        assertArrayEquals(statistics.mean(), model.weights().inputMean());
        assertArrayEquals(statistics.std(), model.weights().inputStd());
        assertEquals(corpus.description(), model.provenance().trainingData());
        assertTrue(corpus.description().startsWith("tagstream synth corpus 'corpus' (seed 5, 1.0 minutes)"),
                corpus.description());
        assertEquals(3, model.provenance().seed());
        EpochRecord best = outcome.epochs().get(outcome.bestEpoch() - 1);
        DevEvaluation recomputed = DevEvaluation.of(model.weights(), corpus.dev());
        assertEquals(best.devAccuracy(), recomputed.scores().accuracy(), 1e-12);
        assertEquals(best.devMacroF1(), model.provenance().metrics().get("devMacroF1"), 1e-12);
        assertEquals(recomputed.scores().macroF1(), model.provenance().metrics().get("devMacroF1"), 1e-12);

        JsonNode log = new ObjectMapper().readTree(files.log().toFile());
        assertEquals(2, log.get("epochs").size());
        assertEquals("MAX_EPOCHS", log.get("stopReason").asText());
        assertEquals(3, log.get("stepsPerEpoch").asInt());
        for (String field : List.of("trainLoss", "trainAccuracy", "devLoss", "devAccuracy", "devMacroF1", "seconds",
                "validationSeconds")) {
            assertTrue(log.get("epochs").get(1).get(field).isNumber(), field);
        }
        BufferedImage curve = ImageIO.read(files.curve().toFile());
        assertEquals(TrainingCurve.WIDTH, curve.getWidth());
        Checkpoint checkpoint = Checkpoint.read(files.checkpoint());
        assertEquals(2, checkpoint.state().epochsDone());
        assertEquals(6, checkpoint.adam().iteration());
    }

    @Test
    void theSameSeedGivesAByteIdenticalModelAndAnotherSeedAnotherModel() throws Exception {
        TrainingFiles first = files("seed-a");
        TrainingFiles second = files("seed-b");
        TrainingFiles other = files("seed-c");
        trainer(first).train(plan(7, 1), UNLIMITED);
        trainer(second).train(plan(7, 1), UNLIMITED);
        trainer(other).train(plan(8, 1), UNLIMITED);
        assertArrayEquals(Files.readAllBytes(first.model()), Files.readAllBytes(second.model()));
        assertTrue(AdamOptimizerTest.maxDifference(ModelFile.read(first.model()).weights(),
                ModelFile.read(other.model()).weights()) > 1e-3);
    }

    @Test
    void twoWorkersAreDeterministicAndTrainLikeOne() throws Exception {
        TrainingFiles first = files("workers-a");
        TrainingFiles second = files("workers-b");
        TrainingFiles single = files("workers-1");
        trainer(first).train(plan(9, 1, 0, 2), UNLIMITED);
        trainer(second).train(plan(9, 1, 0, 2), UNLIMITED);
        trainer(single).train(plan(9, 1, 0, 1), UNLIMITED);
        assertArrayEquals(Files.readAllBytes(first.model()), Files.readAllBytes(second.model()));
        // the same three Adam steps, summed in another order: float rounding apart, the same weights
        double difference = AdamOptimizerTest.maxDifference(ModelFile.read(first.model()).weights(),
                ModelFile.read(single.model()).weights());
        assertTrue(difference <= 1e-4, "two workers differ from one by " + difference);
        assertEquals(2, Checkpoint.read(first.checkpoint()).plan().parameters().workers());
    }

    @ParameterizedTest(name = "averaging over {0} steps, {1} worker(s)")
    @CsvSource({"0, 1", "4, 1", "4, 2"})
    void resumingACheckpointGivesTheModelOfAnUninterruptedRun(int averagingSteps, int workers) throws Exception {
        TrainingFiles straight = files("straight-" + averagingSteps + "-" + workers);
        TrainingFiles interrupted = files("interrupted-" + averagingSteps + "-" + workers);
        TrainingOutcome uninterrupted = trainer(straight).train(plan(11, 3, averagingSteps, workers), UNLIMITED);
        trainer(interrupted).train(plan(11, 1, averagingSteps, workers), UNLIMITED);
        TrainingOutcome resumed = trainer(interrupted).resume(
                Checkpoint.read(interrupted.checkpoint()).withMaxEpochs(3), UNLIMITED);

        assertEquals(3, resumed.epochs().size());
        assertEquals(6, resumed.stepsThisSession());
        assertArrayEquals(Files.readAllBytes(straight.model()), Files.readAllBytes(interrupted.model()));
        for (int e = 0; e < 3; e++) {
            EpochRecord a = uninterrupted.epochs().get(e);
            EpochRecord b = resumed.epochs().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), "epoch " + (e + 1));
            assertEquals(a.devMacroF1(), b.devMacroF1(), "epoch " + (e + 1));
        }
    }

    @Test
    void withAveragingTheModelIsTheAverageNotTheLastWeights() throws Exception {
        TrainingFiles files = files("averaged");
        trainer(files).train(plan(17, 1, 4), UNLIMITED);
        Checkpoint checkpoint = Checkpoint.read(files.checkpoint());
        EncoderWeights model = ModelFile.read(files.model()).weights();

        assertNotNull(checkpoint.averaged());
        assertEquals(0.0, AdamOptimizerTest.maxDifference(checkpoint.averaged(), model));
        assertTrue(AdamOptimizerTest.maxDifference(checkpoint.current(), model) > 1e-5);
        assertNull(checkpointOf(plan(17, 1, 0), "not-averaged").averaged());
    }

    @Test
    void logitOffsetsMoveOnlyTheSavedClassifierBias() throws Exception {
        TrainingFiles plain = files("no-offsets");
        TrainingFiles shifted = files("offsets");
        trainer(plain).train(plan(19, 1), UNLIMITED);
        TrainingPlan base = plan(19, 1);
        trainer(shifted).train(new TrainingPlan(base.encoder(), base.parameters(), base.augmentation(),
                new LogitOffsets(Map.of("speech", -1.5))), UNLIMITED);
        EncoderWeights a = ModelFile.read(plain.model()).weights();
        ModelFile b = ModelFile.read(shifted.model());

        float[] bias = a.classifierBias().toArray();
        bias[LabelSet.DEFAULT.indexOf("speech")] -= 1.5f;
        assertArrayEquals(bias, b.weights().classifierBias().toArray());
        assertEquals(0.0, AdamOptimizerTest.maxDifference(new LogitOffsets(Map.of("speech", -1.5))
                .applyTo(a, LabelSet.DEFAULT), b.weights()), "nothing else moved");
        assertEquals(-1.5, b.provenance().metrics().get("logitOffset.speech"));
        assertEquals(0.0, AdamOptimizerTest.maxDifference(Checkpoint.read(plain.checkpoint()).current(),
                Checkpoint.read(shifted.checkpoint()).current()), "training itself is unchanged");
    }

    private static Checkpoint checkpointOf(TrainingPlan plan, String run) throws Exception {
        TrainingFiles files = files(run);
        trainer(files).train(plan, UNLIMITED);
        return Checkpoint.read(files.checkpoint());
    }

    @Test
    void aPlanFileWithAFrontEndTrainsAModelThatCarriesItIntoTheEngine() throws Exception {
        Path planFile = dir.resolve("front-end-plan.json");
        Files.writeString(planFile, "{\"encoder\": {\"modelDims\": 16, \"heads\": 2, \"feedForwardDims\": 32, "
                + "\"layers\": 2, \"leftContext\": 8, \"rightContext\": 1, \"frontEnd\": {\"conv\": ["
                + "{\"channels\": 4, \"kernelTime\": 3, \"kernelFreq\": 3, \"strideFreq\": 2, \"rightContext\": 1}]}},"
                + " \"training\": {\"seed\": 21, \"batchSize\": 4, \"cropFrames\": 48, \"learningRate\": 0.003, "
                + "\"maxEpochs\": 1, \"stepsPerEpoch\": 3}}");
        TrainingPlan plan = TrainingPlanFile.read(planFile, TrainingPlan.standard(FeatureSpec.DEFAULT.dims(),
                LabelSet.DEFAULT.size(), 1));
        TrainingFiles files = files("front-end");
        trainer(files).train(plan, UNLIMITED);

        ModelFile model = ModelFile.read(files.model());
        assertEquals(plan.encoder(), model.weights().config());
        assertEquals(1, model.weights().config().frontEnd().layers().size());
        assertEquals(plan, Checkpoint.read(files.checkpoint()).plan());
        EncoderWeights initial = InitialWeights.of(plan.encoder(), FeatureStatistics.of(corpus.train()), 21);
        assertTrue(AdamOptimizerTest.maxDifference(initial, model.weights()) > 1e-4, "trained");
        float[] before = initial.tensors().get("frontend.conv0.weight").toArray();
        float[] after = model.weights().tensors().get("frontend.conv0.weight").toArray();
        assertFalse(Arrays.equals(before, after), "the front end's weights are trained and saved");
        // the engine, running the saved front end, scores the dev set exactly as training recorded
        assertEquals(model.provenance().metrics().get("devMacroF1"),
                DevEvaluation.of(model.weights(), corpus.dev()).scores().macroF1(), 1e-12);
    }

    @Test
    void aConvOnlyPlanFileTrainsAModelWithoutBlocksThatTheEngineScoresAsTrainingDid() throws Exception {
        Path planFile = dir.resolve("conv-only-plan.json");
        Files.writeString(planFile, "{\"encoder\": {\"modelDims\": 16, \"layers\": 0, \"frontEnd\": {\"conv\": ["
                + "{\"channels\": 4, \"kernelTime\": 5, \"kernelFreq\": 3, \"strideFreq\": 2, \"rightContext\": 2},"
                + "{\"channels\": 4, \"kernelTime\": 3, \"kernelFreq\": 3, \"strideFreq\": 2, \"rightContext\": 1}]}},"
                + " \"training\": {\"seed\": 23, \"batchSize\": 4, \"cropFrames\": 48, \"learningRate\": 0.003, "
                + "\"maxEpochs\": 1, \"stepsPerEpoch\": 3}}");
        TrainingPlan plan = TrainingPlanFile.read(planFile, TrainingPlan.standard(FeatureSpec.DEFAULT.dims(),
                LabelSet.DEFAULT.size(), 1));
        TrainingFiles files = files("conv-only");
        TrainingOutcome outcome = trainer(files).train(plan, UNLIMITED);

        assertEquals(1, outcome.epochs().size());
        ModelFile model = ModelFile.read(files.model());
        assertEquals(plan.encoder(), model.weights().config());
        assertEquals(0, model.weights().config().layers());
        assertTrue(model.weights().tensors().keySet().stream().noneMatch(name -> name.startsWith("block")),
                "no block weights are saved");
        assertEquals(plan, Checkpoint.read(files.checkpoint()).plan());
        EncoderWeights initial = InitialWeights.of(plan.encoder(), FeatureStatistics.of(corpus.train()), 23);
        for (String name : List.of("frontend.conv0.weight", "frontend.conv1.weight", "input.weight",
                "classifier.weight")) {
            assertFalse(Arrays.equals(initial.tensors().get(name).toArray(),
                    model.weights().tensors().get(name).toArray()), name + " is trained and saved");
        }
        // the engine, running the saved front end alone, scores the dev set exactly as training recorded
        DevEvaluation recomputed = DevEvaluation.of(model.weights(), corpus.dev());
        assertEquals(model.provenance().metrics().get("devMacroF1"), recomputed.scores().macroF1(), 1e-12);
        assertEquals(outcome.epochs().get(0).devAccuracy(), recomputed.scores().accuracy(), 1e-12);
    }

    @Test
    void aCheckpointOfAnotherCorpusIsRefused() throws Exception {
        TrainingFiles files = files("other-corpus");
        trainer(files).train(plan(13, 1), UNLIMITED);
        TrainingCorpus smaller = new TrainingCorpus(corpus.train().subList(0, 1), corpus.dev(), "another corpus");
        Trainer other = new Trainer(smaller, FeatureSpec.DEFAULT, LabelSet.DEFAULT, files, TrainingProgress.SILENT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> other.resume(Checkpoint.read(files.checkpoint()), UNLIMITED));
        assertTrue(e.getMessage().contains("not on another corpus"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertNotNull(ModelFile.read(files.model()));
    }

    @Test
    void aCheckpointWithAnUnknownOrMissingFieldIsRefusedNamingIt() throws Exception {
        TrainingFiles files = files("strict-checkpoint");
        trainer(files).train(plan(17, 1), UNLIMITED);
        Path checkpoint = files.checkpoint();
        assertEquals("checkpoint.json: unknown field state.epochsDon (known: "
                        + "bestEpoch, bestMacroF1, epochsDone, epochsWithoutImprovement, stepsDone)",
                refusal(checkpoint, state -> ((ObjectNode) state.get("state")).set("epochsDon",
                        state.get("state").get("epochsDone"))));
        assertEquals("checkpoint.json: missing field plan.training.patience",
                refusal(checkpoint, state -> ((ObjectNode) state.get("plan").get("training")).remove("patience")));
        assertEquals("checkpoint.json: field history[0].steps must be an "
                        + "integer", refusal(checkpoint, state -> ((ObjectNode) state.get("history").get(0))
                .put("steps", "three")));
        assertEquals(1, Checkpoint.read(checkpoint).state().epochsDone(), "the original still reads");
    }

    /** The message of reading a copy of {@code checkpoint} whose checkpoint.json is edited. */
    private String refusal(Path checkpoint, Consumer<ObjectNode> edit) throws IOException {
        Path copy = checkpoint.resolveSibling("edited.checkpoint.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(checkpoint));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().equals("checkpoint.json")) {
                    ObjectNode state = (ObjectNode) new ObjectMapper().readTree(bytes);
                    edit.accept(state);
                    bytes = new ObjectMapper().writeValueAsBytes(state);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(copy));
        assertFalse(e.getMessage().contains("\n"), "one line");
        return e.getMessage().replace(copy + ": ", "");
    }
}

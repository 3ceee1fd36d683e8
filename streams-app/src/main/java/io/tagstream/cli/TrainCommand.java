package io.tagstream.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.tagstream.features.FeatureSpec;
import io.tagstream.model.LabelSet;
import io.tagstream.training.Checkpoint;
import io.tagstream.training.EpochRecord;
import io.tagstream.training.ProgressBar;
import io.tagstream.training.StepReport;
import io.tagstream.training.Trainer;
import io.tagstream.training.TrainingCorpus;
import io.tagstream.training.TrainingDataException;
import io.tagstream.training.TrainingFiles;
import io.tagstream.training.TrainingOutcome;
import io.tagstream.training.TrainingPlan;
import io.tagstream.training.TrainingPlanFile;
import io.tagstream.training.TrainingProgress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tagstream train}: trains the encoder on a labelled corpus ({@code tagstream synth} output or the same layout)
 * with ND4J SameDiff and writes the best model by dev macro F1, plus a checkpoint, a JSON log and a training-curve
 * PNG beside it. The default feature spec and label set; architecture and training parameters from {@code --config}.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains the encoder on DIR/train (random crops, Adam, class-weighted loss), validates on",
            "DIR/dev after every epoch with the inference engine, stops early when dev macro F1 stops",
            "improving, and writes the best model to MODEL (plus MODEL.checkpoint.zip, MODEL.training.json",
            "and MODEL.training.png beside it, for .zip names without the .zip). Deterministic for a seed.",
            "--config FILE (JSON, every field optional):",
            "  {\"encoder\": {\"modelDims\": 128, \"heads\": 4, \"feedForwardDims\": 512, \"layers\": 4,",
            "               \"leftContext\": 64, \"rightContext\": 2, \"positionEncoding\": \"ROTARY\",",
            "               \"normPlacement\": \"PRE_NORM\", \"activation\": \"RELU\"},",
            "   \"training\": {\"batchSize\": 16, \"cropFrames\": 256, \"learningRate\": 0.001, \"maxEpochs\": 30,",
            "                \"learningRateDecay\": 1, \"averagingSteps\": 0, \"patience\": 5, \"stepsPerEpoch\": 0,",
            "                \"classWeighting\": true, \"seed\": 1, \"workers\": 1},",
            "   \"augmentation\": {\"gainDb\": 0, \"tiltDb\": 0, \"frequencyMasks\": 0, \"maxMaskBands\": 0},",
            "   \"decision\": {\"logitOffsets\": {\"speech\": 0}},",
            "   \"features\": {\"melBands\": 64, \"maxFrequency\": 8000}}",
            "encoder.frontEnd adds a convolutional front end (\"layers\": 0 with one: the front end alone);",
            "encoder.attentionScoring ADDITIVE the additive relevance function.",
            "\"workers\": 2 splits every batch between two threads (one per core): the same steps up to float",
            "rounding, deterministic for a given number of workers. Fields: docs/training.md."})
public final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Corpus directory with train/ and dev/ (WAV + Audacity label files).")
    private Path data;

    @Option(names = "--out", required = true, paramLabel = "MODEL",
            description = "Model file to write (e.g. model.zip).")
    private Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "Training plan (JSON, see above).")
    private Path config;

    @Option(names = "--resume", paramLabel = "CKPT",
            description = "Continue the run of this checkpoint (its plan and seed) on the same corpus.")
    private Path resume;

    @Option(names = "--labels", split = ",", paramLabel = "L1,L2,...",
            description = "The classes, in output order, as named in the corpus's label files (default: silence,"
                    + " speech, music, noise; a resumed run keeps its checkpoint's).")
    private List<String> labels;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default: the config's, else 1).")
    private Long seed;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epoch limit (overrides the plan; extends a resumed run).")
    private Integer epochs;

    @Option(names = "--max-minutes", paramLabel = "M",
            description = "Wall-clock budget of this session in minutes (default: none); the epoch running when it"
                    + " ends is cut short, validated and saved.")
    private Double maxMinutes;

    @Option(names = "--quiet", description = "No progress bar and no epoch lines.")
    private boolean quiet;

    @Override
    public Integer call() {
        checkFlags();
        PrintWriter err = spec.commandLine().getErr();
        TrainingFiles files = TrainingFiles.beside(out);
        try {
            Checkpoint checkpoint = resume == null ? null : checkpoint();
            LabelSet labelSet = checkpoint != null ? checkpoint.labels() : labelSet();
            FeatureSpec features = checkpoint != null ? checkpoint.featureSpec() : featureSpec();
            TrainingPlan plan = resume == null ? plan(labelSet, features) : null;
            Files.createDirectories(out.toAbsolutePath().getParent());
            long loadStart = System.nanoTime();
            TrainingCorpus corpus = TrainingCorpus.load(data, features, labelSet, line -> { });
            note(err, String.format(Locale.ROOT, "loaded %s in %.1f s", corpus.description(),
                    (System.nanoTime() - loadStart) / 1e9));
            Trainer trainer = new Trainer(corpus, features, labelSet, files, progress(err));
            Duration budget = maxMinutes == null ? Duration.ofDays(365_000)
                    : Duration.ofMillis(Math.round(maxMinutes * 60_000));
            TrainingOutcome outcome = checkpoint != null ? trainer.resume(checkpoint, budget)
                    : trainer.train(plan, budget);
            report(outcome, files);
            return 0;
        } catch (TrainingDataException | UncheckedIOException e) {
            throw new UserFacingError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserFacingError("cannot write beside " + out + " (" + e.getMessage() + ")", e);
        }
    }

    private void checkFlags() {
        if (resume != null && (config != null || seed != null || labels != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--resume continues the checkpoint's plan, seed and labels: drop --config, --seed and --labels");
        }
        if (maxMinutes != null && !(maxMinutes > 0 && maxMinutes <= 1e7)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-minutes must be a positive number of minutes, got " + maxMinutes);
        }
        if (epochs != null && epochs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs must be >= 1, got " + epochs);
        }
    }

    private LabelSet labelSet() {
        if (labels == null) {
            return LabelSet.DEFAULT;
        }
        try {
            return new LabelSet(labels.stream().map(String::strip).toList());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--labels: " + e.getMessage());
        }
    }

    /** The feature spec of the plan's {@code features} section, or the default. */
    private FeatureSpec featureSpec() throws IOException {
        if (config == null) {
            return FeatureSpec.DEFAULT;
        }
        if (!Files.isRegularFile(config)) {
            throw new UserFacingError(config + ": no such config file");
        }
        return TrainingPlanFile.features(config);
    }

    private TrainingPlan plan(LabelSet labelSet, FeatureSpec features) throws IOException {
        TrainingPlan plan = TrainingPlan.standard(features.dims(), labelSet.size(),
                seed == null ? 1 : seed);
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new UserFacingError(config + ": no such config file");
            }
            plan = TrainingPlanFile.read(config, plan);
            if (seed != null) {
                plan = plan.withParameters(plan.parameters().withSeed(seed));
            }
        }
        return epochs == null ? plan : plan.withParameters(plan.parameters().withMaxEpochs(epochs));
    }

    private Checkpoint checkpoint() throws IOException {
        Checkpoint checkpoint = Checkpoint.read(resume);
        return epochs == null ? checkpoint : checkpoint.withMaxEpochs(epochs);
    }

    /** A progress bar redrawn in place on a terminal; epoch lines always (unless --quiet). */
    private TrainingProgress progress(PrintWriter err) {
        boolean terminal = System.console() != null;
        return new TrainingProgress() {
            @Override
            public void stepDone(StepReport report) {
                if (terminal && !quiet) {
                    err.print("\r" + ProgressBar.format(report, 24) + "   ");
                    err.flush();
                }
            }

            @Override
            public void epochDone(EpochRecord r, boolean improved) {
                note(err, (terminal ? "\r" : "") + String.format(Locale.ROOT, "epoch %d%s: %d steps, train loss "
                                + "%.4f acc %.1f%% | dev loss %.4f acc %.1f%% macro-F1 %.4f | %.2f s/step, "
                                + "validation %.1f s%s",
                        r.epoch(), r.partial() ? " (cut short)" : "", r.steps(), r.trainLoss(),
                        100 * r.trainAccuracy(), r.devLoss(), 100 * r.devAccuracy(), r.devMacroF1(),
                        r.secondsPerStep(), r.validationSeconds(), improved ? "  * best, model written" : ""));
            }

            @Override
            public void message(String line) {
                note(err, line);
            }
        };
    }

    private void note(PrintWriter err, String line) {
        if (!quiet) {
            err.println(line);
            err.flush();
        }
    }

    private void report(TrainingOutcome outcome, TrainingFiles files) {
        PrintWriter stdout = spec.commandLine().getOut();
        EpochRecord best = outcome.epochs().get(outcome.bestEpoch() - 1);
        stdout.printf(Locale.ROOT, "model: %s (epoch %d of %d; dev frame accuracy %.4f, macro F1 %.4f; stopped: %s)%n",
                files.model(), best.epoch(), outcome.epochs().size(), best.devAccuracy(), best.devMacroF1(),
                outcome.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        stdout.println("log: " + files.log());
        stdout.println("curve: " + files.curve());
        stdout.println("checkpoint: " + files.checkpoint());
        stdout.flush();
    }
}

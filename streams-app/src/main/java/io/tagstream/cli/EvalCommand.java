package io.tagstream.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.tagstream.evaluation.EvaluationException;
import io.tagstream.evaluation.EvaluationOutput;
import io.tagstream.evaluation.EvaluationReport;
import io.tagstream.evaluation.EvaluationSet;
import io.tagstream.evaluation.EvaluationSplit;
import io.tagstream.evaluation.Evaluator;
import io.tagstream.evaluation.ReportJson;
import io.tagstream.evaluation.ReportText;
import io.tagstream.evaluation.ScoredLabels;
import io.tagstream.labels.RecordingLabeller;
import io.tagstream.labels.SegmentPolicy;
import io.tagstream.model.DefaultModel;
import io.tagstream.model.Encoder;
import io.tagstream.model.ModelFile;
import io.tagstream.model.ModelFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tagstream eval}: scores a model against reference labels (a corpus split, or one recording with its label
 * file) per 10 ms frame outside a collar around reference boundaries; writes report.json, report.md and
 * confusion.png and prints a summary (or the JSON report).
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Labels every recording with the model (offline, as 'tagstream label') and scores each frame against",
            "the reference Audacity labels: frame accuracy, precision/recall/F1 per label, macro F1, speech-vs-rest",
            "F1, the share of music and noise frames labelled speech, and the confusion matrix. Frames within the",
            "collar of a reference boundary (a change of reference label) are not scored (docs/evaluation.md).",
            "Writes report.json, report.md and confusion.png to --out (default: MODEL-eval/ beside the model)."})
public final class EvalCommand implements Callable<Integer> {

    /** Characters of the progress line (padded and cut to it, so each line overwrites the last). */
    private static final int PROGRESS_WIDTH = 79;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL.zip",
            description = "The model to score (default: the bundled model; its report goes to ./default-model-eval).")
    private Path model;

    @Option(names = "--data", paramLabel = "DIR",
            description = "A corpus ('tagstream synth' layout: SPLIT/*.wav with SPLIT/*.txt label files).")
    private Path data;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "dev",
            description = "With --data: dev (default), train or all.")
    private String split;

    @Option(names = "--input", paramLabel = "F.wav", description = "One recording instead of a corpus ...")
    private Path input;

    @Option(names = "--labels", paramLabel = "F.txt", description = "... with its Audacity label file.")
    private Path labels;

    @Option(names = "--collar-ms", paramLabel = "MS", defaultValue = "100",
            description = "No-score zone on each side of a reference boundary (default 100 ms; 0 scores every"
                    + " labelled frame).")
    private double collarMillis;

    @Option(names = "--score", paramLabel = "WHAT", defaultValue = "frames",
            description = "frames (default: each frame's most probable label, as on the labels topic) or segments"
                    + " (each frame's smoothed segment label, 200 ms minimum segments, as on the segments topic).")
    private String score;

    @Option(names = "--out", paramLabel = "REPORT_DIR", description = "Where to write the report files.")
    private Path out;

    @Option(names = "--json", description = "Print report.json instead of the summary.")
    private boolean json;

    @Override
    public Integer call() {
        EvaluationSplit which = EnumOption.parse(spec, EvaluationSplit.class, split, "--split", "dev, train or all");
        ScoredLabels scored = EnumOption.parse(spec, ScoredLabels.class, score, "--score", "frames or segments");
        checkFlags();
        ModelFile file = ModelChoice.read(model);
        EvaluationOutput output = out != null ? new EvaluationOutput(out)
                : EvaluationOutput.beside(model != null ? model : Path.of("default-model.zip"));
        try (Encoder encoder = file.encoder()) {
            EvaluationSet set = data != null ? EvaluationSet.fromCorpus(data, which)
                    : EvaluationSet.single(input, labels);
            RecordingLabeller labeller = new RecordingLabeller(encoder, file.featureSpec(), file.labels().names(),
                    SegmentPolicy.DEFAULT);
            Evaluator evaluator = new Evaluator(labeller, file.labels(), file.featureSpec().hopMillis(), collarMillis,
                    scored);
            EvaluationReport report = evaluator.evaluate(set, describe(file), progress());
            output.write(report);
            print(report, output);
            return 0;
        } catch (EvaluationException e) {
            throw new UserFacingError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserFacingError("cannot write the report to " + output.directory() + " (" + e.getMessage()
                    + ")", e);
        }
    }

    private void checkFlags() {
        if ((data == null) == (input == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --data DIR or --input F.wav --labels F.txt");
        }
        if ((input == null) != (labels == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--input and --labels go together");
        }
        if (!(collarMillis >= 0 && collarMillis <= 10_000)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--collar-ms must be in 0..10000, got " + collarMillis);
        }
    }

    /** "model.zip (sha256 ...; trained on: ...)": the file's hash names exactly what was scored. */
    private String describe(ModelFile file) {
        String name = model != null ? String.valueOf(model.getFileName()) : "the default model";
        byte[] bytes;
        try {
            bytes = model != null ? Files.readAllBytes(model) : DefaultModel.bytes();
        } catch (IOException | ModelFileException e) {
            throw new UserFacingError("cannot read the model file again (" + e.getMessage() + ")", e);
        }
        return name + " (sha256 " + ModelFile.sha256(bytes) + "; trained on: " + file.provenance().trainingData()
                + ")";
    }

    /** One line per recording on a terminal; nothing otherwise. */
    private Consumer<String> progress() {
        if (System.console() == null) {
            return line -> { };
        }
        PrintWriter err = spec.commandLine().getErr();
        return line -> {
            err.print("\r" + String.format(Locale.ROOT, "%-" + PROGRESS_WIDTH + "." + PROGRESS_WIDTH + "s", line));
            err.flush();
        };
    }

    private void print(EvaluationReport report, EvaluationOutput output) {
        PrintWriter stdout = spec.commandLine().getOut();
        if (System.console() != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.print("\r" + " ".repeat(PROGRESS_WIDTH) + "\r"); // clear the progress line
            err.flush();
        }
        if (json) {
            stdout.print(ReportJson.text(report));
        } else {
            stdout.print(ReportText.summary(report));
            stdout.printf(Locale.ROOT, "report: %s, %s, %s%n", output.json(), output.markdown(),
                    output.confusionPng());
        }
        stdout.flush();
    }
}

package io.tagstream.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.WavDecoder;
import io.tagstream.labels.LabelledRecording;
import io.tagstream.labels.LabellingMode;
import io.tagstream.labels.RecordingLabeller;
import io.tagstream.labels.SegmentPolicy;
import io.tagstream.model.ModelFile;
import io.tagstream.model.ModelFileException;
import io.tagstream.plots.AnalysedRecording;
import io.tagstream.plots.RecordingPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tagstream label}: labels a WAV file with no Kafka; segments (or every frame) to stdout. */
@Command(
        name = "label",
        mixinStandardHelpOptions = true,
        description = {
            "Labels a WAV file (no Kafka): segments, or every frame with --frames, to stdout.",
            "Segments: a label must win minSegmentMs of consecutive frames (by switchMargin) to start a new segment."})
public final class LabelCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "F.wav", description = "The recording.")
    private Path input;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (default: the bundled model).")
    private Path model;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "audacity",
            description = "audacity (default), jsonl or csv.")
    private String format;

    @Option(names = "--frames", description = "One row per frame (with all class probabilities) instead of segments.")
    private boolean frames;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "offline",
            description = "offline (default) or streaming: the same labels, computed the two ways.")
    private String mode;

    @Option(names = "--min-segment-ms", paramLabel = "MS", defaultValue = "200",
            description = "Minimum segment length (default 200 ms).")
    private int minSegmentMs;

    @Option(names = "--switch-margin", paramLabel = "P", defaultValue = "0.0",
            description = "How much more probable a new label must be to vote for a switch (default 0).")
    private double switchMargin;

    @Option(names = "--plot", paramLabel = "OUT.png",
            description = "Also draw the recording: waveform, log-mel spectrogram, label track and class"
                    + " probabilities on one time axis (PNG).")
    private Path plot;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    private final PrintStream out;

    public LabelCommand() {
        this(System.out);
    }

    LabelCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        LabelFormat fmt = EnumOption.parse(spec, LabelFormat.class, format, "--format", "audacity, jsonl or csv");
        LabellingMode how = EnumOption.parse(spec, LabellingMode.class, mode, "--mode", "offline or streaming");
        if (minSegmentMs < 1 || !(switchMargin >= 0 && switchMargin < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--min-segment-ms must be >= 1 and --switch-margin in [0, 1), got " + minSegmentMs + " and "
                            + switchMargin);
        }
        ModelFile file = ModelChoice.read(model);
        int minFrames = (int) Math.max(1, Math.round(minSegmentMs / file.featureSpec().hopMillis()));
        RecordingLabeller labeller = new RecordingLabeller(file.encoder(), file.featureSpec(), file.labels().names(),
                new SegmentPolicy(minFrames, switchMargin));
        LabelledRecording labelled;
        try {
            labelled = plot == null ? labeller.label(input, how) : labelAndPlot(labeller, file.featureSpec(), how);
        } catch (AudioFileException e) {
            throw new UserFacingError(e.getMessage(), e);
        }
        String stream = input.getFileName().toString().replaceFirst("\\.[wW][aA][vV]$", "");
        fmt.write(out, stream, labelled, frames);
        return 0;
    }

    /** Labels the input and writes its picture to {@code --plot}. */
    private LabelledRecording labelAndPlot(RecordingLabeller labeller, FeatureSpec featureSpec, LabellingMode how)
            throws AudioFileException {
        float[] pcm = WavDecoder.decode(input, featureSpec.sampleRate()).samples();
        AnalysedRecording analysed = AnalysedRecording.of(input.getFileName().toString(), pcm, featureSpec, labeller,
                how);
        try {
            Files.createDirectories(plot.toAbsolutePath().getParent());
            new RecordingPlot(analysed).write(plot);
        } catch (IOException e) {
            throw new UserFacingError(plot + ": cannot write the plot (" + e.getMessage() + ")", e);
        }
        return analysed.labels();
    }
}

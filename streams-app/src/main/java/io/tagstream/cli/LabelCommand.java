package io.tagstream.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingWavDecoder;
import io.tagstream.features.WavDecoder;
import io.tagstream.app.labeller.ModelLabellers;
import io.tagstream.labels.LabelledRecording;
import io.tagstream.labels.LabellingMode;
import io.tagstream.labels.RecordingLabeller;
import io.tagstream.labels.SegmentPolicy;
import io.tagstream.model.Encoder;
import io.tagstream.model.InferenceOptions;
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
            "Labels a WAV file (no Kafka): segments, or every frame with --frames, to stdout, as the file is read:",
            "rows appear at once and memory does not grow with the file's length (--plot: at most 60 minutes).",
            "Segments: a label must win minSegmentMs of consecutive frames (by switchMargin) to start a new segment."})
public final class LabelCommand implements Callable<Integer> {

    /**
     * Longest recording {@code --plot} draws: the picture needs the whole recording in memory (its samples, features,
     * labels and the offline activations, about 1 GB an hour at 16 kHz), unlike labelling, which streams.
     */
    static final int MAX_PLOT_SECONDS = 3_600;

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
        // streaming runs the streams app's engine, so its labels are the app's to the bit
        Encoder encoder = how == LabellingMode.STREAMING ? Encoder.create(file.weights(),
                InferenceOptions.defaults(file.weights().config()).withGemm(ModelLabellers.GEMM)) : file.encoder();
        RecordingLabeller labeller = new RecordingLabeller(encoder, file.featureSpec(), file.labels().names(),
                new SegmentPolicy(minFrames, switchMargin));
        String stream = input.getFileName().toString().replaceFirst("\\.[wW][aA][vV]$", "");
        LabelPrinter printer = new LabelPrinter(fmt, out, stream,
                new LabelFormat.Track(file.labels().names(), file.featureSpec().hopMillis()), frames);
        try {
            if (plot == null) {
                labeller.label(input, how, printer);
            } else {
                print(labelAndPlot(labeller, file.featureSpec(), how), printer);
            }
        } catch (AudioFileException e) {
            throw new UserFacingError(e.getMessage(), e);
        }
        return 0;
    }

    /** Writes a recording labelled whole (for its plot) as the streaming path writes it. */
    private static void print(LabelledRecording labelled, LabelPrinter printer) {
        printer.begin(labelled.frames());
        for (int t = 0; t < labelled.frames(); t++) {
            printer.frame(t, labelled.probabilities()[t]);
        }
        labelled.segments().forEach(printer::segment);
        printer.caughtUp();
    }

    /** Labels the input and writes its picture to {@code --plot}. */
    private LabelledRecording labelAndPlot(RecordingLabeller labeller, FeatureSpec featureSpec, LabellingMode how)
            throws AudioFileException {
        try (StreamingWavDecoder header = StreamingWavDecoder.open(input, featureSpec.sampleRate())) {
            if (header.durationSeconds() > MAX_PLOT_SECONDS) {
                throw new UserFacingError(String.format(Locale.ROOT, "%s: %.1f minutes is too long to plot (--plot"
                        + " draws recordings of at most %d minutes); label it without --plot",
                        input.getFileName(), header.durationSeconds() / 60, MAX_PLOT_SECONDS / 60));
            }
        }
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

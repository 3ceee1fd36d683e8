package io.tagstream.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.demo.DemoFeed;
import io.tagstream.demo.DemoPipeline;
import io.tagstream.demo.DemoSample;
import io.tagstream.demo.DemoSummary;
import io.tagstream.demo.LabelFollower;
import io.tagstream.demo.LiveView;
import io.tagstream.demo.MicrophoneFeed;
import io.tagstream.demo.QuietKafkaLogs;
import io.tagstream.demo.ReceivedLabels;
import io.tagstream.demo.ReferenceTrack;
import io.tagstream.demo.SampleReplay;
import io.tagstream.demo.SendTimes;
import io.tagstream.demo.Terminal;
import io.tagstream.demo.TerminalTimeline;
import io.tagstream.features.FeatureSpec;
import io.tagstream.ingest.MicrophoneUnavailableException;
import io.tagstream.ingest.ReplaySpeed;
import io.tagstream.model.LabelSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tagstream demo}: the whole pipeline in one JVM, offline. An embedded Kafka broker and one streams app
 * instance on 127.0.0.1, the bundled sample replayed into N streams (or the microphone), the labels followed live in
 * the terminal, then a summary against the sample's reference labels. Ctrl-C stops everything; nothing is left behind.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the whole pipeline in this process, offline: an embedded Kafka broker (KRaft) and the",
            "streams app on 127.0.0.1, the bundled one-minute sample replayed into N streams (or the",
            "microphone), the labels shown live, then a summary: frame accuracy against the sample's",
            "reference labels, segments, frames/s, latency. Prints the dashboard URL. Ctrl-C stops it."})
public final class DemoCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    private Verbosity verbosity = new Verbosity();

    /** How long Ctrl-C waits for the demo to close the app and the broker. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(90);
    /** After Ctrl-C in microphone mode: how long to wait for the labels of the audio already captured. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(15);
    private static final int MAX_STREAMS = 32;
    private static final double MAX_SECONDS = 86_400;
    private static final Duration POLL = Duration.ofMillis(100);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--streams", paramLabel = "N", defaultValue = "1",
            description = "Replay the sample into N streams at once (default: ${DEFAULT-VALUE}, at most 32).")
    private int streams;

    @Option(names = "--mic", description = "Label the default microphone live instead of the sample.")
    private boolean mic;

    @Option(names = "--seconds", paramLabel = "S",
            description = "Replay only the first S seconds of the sample; with --mic, stop after S seconds.")
    private Double seconds;

    @Option(names = "--speed", paramLabel = "1|N|max", converter = IngestCommand.SpeedConverter.class,
            description = "Replay speed: x real time, or max (default: 1).")
    private ReplaySpeed speed;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (default: the bundled model).")
    private Path model;

    @Option(names = "--port", paramLabel = "P",
            description = "Dashboard port on 127.0.0.1 (default: 8080 if free, else any free port).")
    private Integer port;

    @Option(names = "--no-color", description = "No ANSI colours (also when NO_COLOR is set).")
    private boolean noColor;

    @Option(names = "--labels-out", paramLabel = "FILE",
            description = "Also write every label record received to FILE (JSON lines, as on the labels topic).")
    private Path labelsOut;

    @Override
    public Integer call() throws Exception {
        checkFlags();
        StreamLabeller labeller = labeller();
        FeatureSpec features = labeller.featureSpec();
        DemoSample sample = mic ? null
                : DemoSample.bundled(features.sampleRate()).firstSeconds(seconds == null ? MAX_SECONDS : seconds);
        ReferenceTrack reference = sample == null ? null : reference(sample, labeller);
        Map<String, ReceivedLabels> received = new LinkedHashMap<>();
        try (OutputStream labelFile = openLabelFile(); DemoFeed feed = openFeed(sample, features, received)) {
            return run(labeller, sample, reference, feed, received, labelFile);
        }
    }

    private void checkFlags() {
        if (streams < 1 || streams > MAX_STREAMS) {
            throw invalid("--streams must be 1.." + MAX_STREAMS + ", got " + streams);
        }
        if (mic && (streams != 1 || speed != null)) {
            throw invalid("--mic labels one live stream: --streams and --speed apply to the sample replay only");
        }
        if (seconds != null && !(seconds > 0 && seconds <= MAX_SECONDS)) {
            throw invalid("--seconds must be > 0 and at most " + (long) MAX_SECONDS + ", got " + seconds);
        }
        if (port != null && (port < 0 || port > 65_535)) {
            throw invalid("--port must be 0 (any free port) or 1..65535, got " + port);
        }
    }

    /** The model to label with: --model, else the bundled default model (see {@link ModelChoice}). */
    private StreamLabeller labeller() {
        return ModelChoice.labeller(model);
    }

    private static ReferenceTrack reference(DemoSample sample, StreamLabeller labeller) {
        try {
            return sample.referenceTrack(labeller.featureSpec(), new LabelSet(labeller.labels()));
        } catch (IllegalArgumentException e) {
            throw new UserFacingError("the model cannot be scored on the sample: " + e.getMessage(), e);
        }
    }

    /** The microphone is opened here, before anything starts, so a machine without one fails at once. */
    private DemoFeed openFeed(DemoSample sample, FeatureSpec features, Map<String, ReceivedLabels> received) {
        if (mic) {
            ReceivedLabels live = new ReceivedLabels(MicrophoneFeed.STREAM, features.hopMillis());
            received.put(live.stream(), live);
            Duration limit = Duration.ofMillis(Math.round(1000 * (seconds == null ? MAX_SECONDS : seconds)));
            try {
                return MicrophoneFeed.open(features, limit, live::expect);
            } catch (MicrophoneUnavailableException e) {
                throw new UserFacingError(e.getMessage(), e);
            }
        }
        SampleReplay replay = new SampleReplay(sample, streams, speed == null ? ReplaySpeed.REAL_TIME : speed, features);
        for (String id : replay.streamIds()) {
            ReceivedLabels stream = new ReceivedLabels(id, features.hopMillis());
            stream.expect(sample.frames(features));
            received.put(id, stream);
        }
        return replay;
    }

    private Integer run(StreamLabeller labeller, DemoSample sample, ReferenceTrack reference, DemoFeed feed,
                        Map<String, ReceivedLabels> received, OutputStream labelFile) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        FeatureSpec features = labeller.featureSpec();
        List<ReceivedLabels> rows = new ArrayList<>(received.values());
        CountDownLatch stop = new CountDownLatch(1);
        // Ctrl-C lets the JVM exit once this is closed: the summary is printed inside
        try (CtrlC ctrlC = new CtrlC("tagstream-demo", CLOSE_WAIT, stop::countDown)) {
            boolean ended;
            try (QuietKafkaLogs quiet = verbosity.verbose() ? null : new QuietKafkaLogs();
                 DemoPipeline pipeline = startPipeline(labeller);
                 LabelFollower follower = new LabelFollower(pipeline.bootstrapServers(), pipeline.topics(), received,
                         tap(labelFile))) {
                out.println(heading(labeller, sample, feed));
                out.println("dashboard: " + pipeline.dashboardUrl());
                out.flush();
                Terminal terminal = Terminal.detect(noColor, System.getenv());
                try (LiveView view = new LiveView(out, terminal,
                        new TerminalTimeline(labeller.labels(), terminal.color()), rows, features.hopMillis())) {
                    feed.start(pipeline.bootstrapServers(), pipeline.topics());
                    ended = awaitEnd(feed, follower, rows, stop, sample);
                } finally {
                    feed.close();
                }
            }
            labelFile.flush();
            Map<String, SendTimes> sent = new LinkedHashMap<>();
            rows.forEach(r -> sent.put(r.stream(), feed.sendTimes(r.stream())));
            printSummary(out, DemoSummary.measure(rows, sent, reference, features, labeller.labels()), rows, ended);
            return ended ? 0 : 130;
        }
    }

    private DemoPipeline startPipeline(StreamLabeller labeller) throws IOException, InterruptedException {
        try {
            return DemoPipeline.start(labeller, port == null ? DemoPipeline.ANY_HTTP_PORT : port);
        } catch (BindException e) {
            throw new UserFacingError("--port " + port + ": the port is in use on 127.0.0.1", e);
        }
    }

    /**
     * Waits until every stream has ended (labels for all its frames and its final segment received). On Ctrl-C the
     * feed stops; a microphone still ends its stream, whose last labels are waited for a little longer.
     *
     * @return true if every stream ended, false if Ctrl-C came first
     */
    private boolean awaitEnd(DemoFeed feed, LabelFollower follower, Collection<ReceivedLabels> rows,
                             CountDownLatch stop, DemoSample sample) throws InterruptedException {
        Duration limit = expectedDuration(sample, rows);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!allEnded(rows)) {
            rethrow(feed.failure());
            rethrow(follower.failure());
            if (stop.getCount() == 0) {
                return feed.stop() && drain(follower, rows);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the labels did not all arrive within " + limit.toSeconds() + " s: "
                        + progress(rows));
            }
            follower.awaitNextPoll(POLL);
        }
        return true;
    }

    private static boolean drain(LabelFollower follower, Collection<ReceivedLabels> rows) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        while (!allEnded(rows) && System.nanoTime() < deadline && follower.failure() == null) {
            follower.awaitNextPoll(POLL);
        }
        return allEnded(rows);
    }

    /**
     * Replay time at the chosen speed (or the microphone's time limit), plus two minutes, plus 2 ms per frame for a
     * slow machine.
     */
    private Duration expectedDuration(DemoSample sample, Collection<ReceivedLabels> rows) {
        if (sample == null) {
            return Duration.ofSeconds(Math.round(seconds == null ? MAX_SECONDS : seconds) + 120);
        }
        double factor = speed == null ? 1 : speed.factor();
        double replaySeconds = speed != null && speed.isMax() ? 0 : sample.audio().durationSeconds() / factor;
        long frames = rows.stream().mapToLong(ReceivedLabels::expectedFrames).sum();
        return Duration.ofMillis(Math.round(1000 * replaySeconds) + 120_000 + 2 * frames);
    }

    private static boolean allEnded(Collection<ReceivedLabels> rows) {
        return rows.stream().allMatch(ReceivedLabels::ended);
    }

    private static String progress(Collection<ReceivedLabels> rows) {
        StringBuilder s = new StringBuilder();
        for (ReceivedLabels r : rows) {
            s.append(s.length() == 0 ? "" : ", ").append(r.stream()).append(' ').append(r.received()).append('/')
                    .append(r.expectedFrames());
        }
        return s.toString();
    }

    private static void rethrow(RuntimeException failure) {
        if (failure != null) {
            throw failure;
        }
    }

    private String heading(StreamLabeller labeller, DemoSample sample, DemoFeed feed) {
        String source = sample == null ? "the microphone"
                : String.format(Locale.ROOT, "%s (%.1f s) into %d stream%s at %s", sample.name(),
                        sample.audio().durationSeconds(), streams, streams == 1 ? "" : "s",
                        speed == null ? ReplaySpeed.REAL_TIME : speed);
        return "tagstream demo: labelling " + source + " with model " + labeller.modelId() + " (streams "
                + String.join(", ", feed.streamIds()) + ")";
    }

    private static void printSummary(PrintWriter out, DemoSummary summary, List<ReceivedLabels> rows, boolean ended) {
        out.println(ended ? "summary (every stream ended):" : "summary (stopped before the end):");
        summary.lines().forEach(out::println);
        for (ReceivedLabels r : rows) {
            if (r.unexpected() > 0) {
                out.println("  warning: " + r.stream() + " received " + r.unexpected()
                        + " label(s) out of frame order (duplicates or gaps)");
            }
        }
        out.flush();
    }

    private OutputStream openLabelFile() {
        if (labelsOut == null) {
            return OutputStream.nullOutputStream();
        }
        try {
            return new BufferedOutputStream(Files.newOutputStream(labelsOut));
        } catch (IOException e) {
            throw new UserFacingError("--labels-out " + labelsOut + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** Each label record's JSON as one line of {@code file}. */
    private static Consumer<byte[]> tap(OutputStream file) {
        return json -> {
            try {
                file.write(json);
                file.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the labels file: " + e.getMessage(), e);
            }
        };
    }

    private CommandLine.ParameterException invalid(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

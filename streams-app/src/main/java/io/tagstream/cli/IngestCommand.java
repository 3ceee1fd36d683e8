package io.tagstream.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.FeatureSpec;
import io.tagstream.ingest.IngestConfig;
import io.tagstream.ingest.IngestSummary;
import io.tagstream.ingest.KafkaChunkSink;
import io.tagstream.ingest.MicrophoneCapture;
import io.tagstream.ingest.MicrophoneUnavailableException;
import io.tagstream.ingest.ProgressBar;
import io.tagstream.ingest.ReplaySpeed;
import io.tagstream.ingest.SendMode;
import io.tagstream.ingest.WavFileReplayer;
import io.tagstream.kafka.KafkaConnection;
import io.tagstream.kafka.TopicCreator;
import io.tagstream.kafka.TopicsConfig;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tagstream ingest}: one stream into Kafka, from a WAV file (replayed at real time, N x or max) or from the
 * microphone. Flags are checked first, then the file is decoded, and only then is Kafka contacted.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Feeds a WAV recording or the microphone into Kafka as one stream, keyed by",
            "stream id: 16-bit PCM chunks (--send audio) or feature frames (--send",
            "features), then an end-of-stream marker. A bad flag or file is reported",
            "before Kafka is contacted."})
public final class IngestCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    private Verbosity verbosity = new Verbosity();

    /** How long Ctrl-C waits for the microphone loop to send its end-of-stream marker. */
    private static final Duration CTRL_C_WAIT = Duration.ofSeconds(10);
    /** Longest microphone session with --seconds: one day. */
    private static final double MAX_MIC_SECONDS = 86_400;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap", required = true, paramLabel = "H:P",
            description = "Kafka bootstrap servers, host:port[,host:port...].")
    private String bootstrap;

    @Option(names = "--stream", required = true, paramLabel = "ID", description = "Stream id (the record key).")
    private String stream;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--send", paramLabel = "audio|features", defaultValue = "audio",
            converter = SendModeConverter.class, description = "What to send (default: ${DEFAULT-VALUE}).")
    private SendMode send;

    @Option(names = "--model", paramLabel = "FILE",
            description = "With --send features: the model whose feature spec to compute, the one the app runs"
                    + " (default: the bundled model).")
    private Path model;

    @Option(names = "--chunk-ms", paramLabel = "MS",
            description = "PCM chunk length in milliseconds (default: " + IngestConfig.DEFAULT_CHUNK_MILLIS
                    + ", or " + IngestConfig.MAX_SPEED_CHUNK_MILLIS + " with --speed max).")
    private Integer chunkMillis;

    @Option(names = "--topic-audio", paramLabel = "TOPIC", description = "Audio topic (default: ${DEFAULT-VALUE}).")
    private String topicAudio = TopicsConfig.DEFAULT.audio();

    @Option(names = "--topic-features", paramLabel = "TOPIC",
            description = "Features topic (default: ${DEFAULT-VALUE}).")
    private String topicFeatures = TopicsConfig.DEFAULT.features();

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions if the topic must be created (default: ${DEFAULT-VALUE}).")
    private int partitions = TopicsConfig.DEFAULT.partitions();

    @Option(names = "--kafka", paramLabel = "KEY=VALUE",
            description = "A Kafka client setting, passed through unchanged (repeatable), e.g. --kafka"
                    + " security.protocol=SASL_SSL; also from TAGSTREAM_KAFKA_* variables (TAGSTREAM_KAFKA_SASL_MECHANISM"
                    + " -> sasl.mechanism).")
    private Map<String, String> kafka = new LinkedHashMap<>();

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "30000",
            description = "How long to wait for Kafka: the topic at start, then each record's acknowledgement"
                    + " (default 30000; a broker back within it loses nothing).")
    private long timeoutMs;

    @Option(names = "--start-time-ms", paramLabel = "EPOCH_MS",
            description = "Event time of the first sample, epoch ms (default: now). Fix it for reproducible replays.")
    private Long startTimeMs;

    /** Exactly one of --file (with --speed) or --mic (with --seconds). */
    static final class Source {
        @ArgGroup(exclusive = false, multiplicity = "1")
        FileSource file;
        @ArgGroup(exclusive = false, multiplicity = "1")
        MicSource mic;
    }

    static final class FileSource {
        @Option(names = "--file", required = true, paramLabel = "F.wav", description = "WAV file to replay.")
        Path path;
        @Option(names = "--speed", paramLabel = "1|N|max", defaultValue = "1", converter = SpeedConverter.class,
                description = "Replay speed: x real time, or max (default: ${DEFAULT-VALUE}).")
        ReplaySpeed speed;
    }

    static final class MicSource {
        @Option(names = "--mic", required = true, description = "Capture from the default microphone.")
        boolean mic;
        @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds (default: at Ctrl-C).")
        Double seconds;
    }

    @Override
    public Integer call() throws InterruptedException {
        IngestConfig config = ingestConfig();
        TopicsConfig topics = topicsConfig();
        requireBootstrapList();
        timeout(); // checked before the file is read
        long start = startTimeMs != null ? startTimeMs : System.currentTimeMillis();
        IngestSummary summary = source.file != null ? replayFile(config, topics, start)
                : captureMicrophone(config, topics, start, micLimit());
        spec.commandLine().getOut().println(summary.describe());
        return 0;
    }

    /** The bootstrap servers with the pass-through client settings: environment first, then --kafka flags. */
    private KafkaConnection connection() {
        Map<String, String> settings = new LinkedHashMap<>(KafkaConnection.settingsFromEnvironment(System.getenv()));
        settings.putAll(kafka);
        return new KafkaConnection(bootstrap, settings);
    }

    private IngestSummary replayFile(IngestConfig config, TopicsConfig topics, long start) throws InterruptedException {
        WavFileReplayer replayer = new WavFileReplayer(config, source.file.speed, start);
        try {
            return replayer.replayInto(source.file.path, connection(), topics, ProgressBar::forTerminal, timeout());
        } catch (AudioFileException e) {
            throw new UserFacingError(e.getMessage(), e);
        }
    }

    private IngestSummary captureMicrophone(IngestConfig config, TopicsConfig topics, long start, Duration limit)
            throws InterruptedException {
        try (MicrophoneCapture mic = MicrophoneCapture.open(config.sampleRate())) {
            String topic = config.mode().topic(topics);
            TopicCreator.ensureTopics(connection(), List.of(topic), topics.partitions(), topics.replicationFactor(),
                    timeout());
            AtomicBoolean stop = new AtomicBoolean();
            try (CtrlC ctrlC = new CtrlC("tagstream-ingest", CTRL_C_WAIT, () -> stop.set(true));
                 KafkaChunkSink sink = KafkaChunkSink.open(connection(), topic, config.streamId(), timeout())) {
                return mic.capture(config, start, sink, limit, stop::get, ProgressBar.forTerminal(0));
            }
        } catch (MicrophoneUnavailableException e) {
            throw new UserFacingError(e.getMessage(), e);
        }
    }

    private Duration timeout() {
        if (timeoutMs < 1_000 || timeoutMs > 3_600_000) {
            throw invalid("--timeout-ms must be 1000..3600000, got " + timeoutMs);
        }
        return Duration.ofMillis(timeoutMs);
    }

    private IngestConfig ingestConfig() {
        try {
            FeatureSpec spec = send == SendMode.FEATURES ? ModelChoice.read(model).featureSpec() : FeatureSpec.DEFAULT;
            int chunk = chunkMillis != null ? chunkMillis
                    : IngestConfig.defaultChunkMillis(source.file != null ? source.file.speed : ReplaySpeed.REAL_TIME);
            return new IngestConfig(stream, send, chunk, spec);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private TopicsConfig topicsConfig() {
        try {
            return TopicsConfig.DEFAULT.withAudio(topicAudio).withFeatures(topicFeatures).withPartitions(partitions);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private Duration micLimit() {
        Double seconds = source.mic.seconds;
        if (seconds == null) {
            return Duration.ofSeconds((long) MAX_MIC_SECONDS);
        }
        if (!(seconds > 0 && seconds <= MAX_MIC_SECONDS)) {
            throw invalid("--seconds must be > 0 and at most " + (long) MAX_MIC_SECONDS + ", got " + seconds);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** host:port[,host:port...] with ports 1..65535; checked before anything touches the file or the network. */
    private void requireBootstrapList() {
        for (String server : bootstrap.split(",", -1)) {
            int colon = server.lastIndexOf(':');
            String port = colon < 0 ? "" : server.substring(colon + 1);
            boolean valid = colon > 0 && !server.substring(0, colon).isBlank() && port.matches("\\d{1,5}")
                    && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65_535
                    && server.strip().equals(server);
            if (!valid) {
                throw invalid("--bootstrap must be host:port[,host:port...] with ports 1..65535, got '" + bootstrap + "'");
            }
        }
        if (startTimeMs != null && startTimeMs < 0) {
            throw invalid("--start-time-ms must be >= 0, got " + startTimeMs);
        }
    }

    private CommandLine.ParameterException invalid(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }



    /** "audio" or "features", any case. */
    static final class SendModeConverter implements CommandLine.ITypeConverter<SendMode> {
        @Override
        public SendMode convert(String value) {
            for (SendMode mode : SendMode.values()) {
                if (mode.name().equalsIgnoreCase(value)) {
                    return mode;
                }
            }
            throw new CommandLine.TypeConversionException("expected audio or features, got '" + value + "'");
        }
    }

    /** "1", "2.5", "4x" or "max". */
    static final class SpeedConverter implements CommandLine.ITypeConverter<ReplaySpeed> {
        @Override
        public ReplaySpeed convert(String value) {
            try {
                return ReplaySpeed.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

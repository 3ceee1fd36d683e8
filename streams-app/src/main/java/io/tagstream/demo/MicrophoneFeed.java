package io.tagstream.demo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.ingest.IngestConfig;
import io.tagstream.ingest.IngestSummary;
import io.tagstream.ingest.KafkaChunkSink;
import io.tagstream.ingest.MicrophoneCapture;
import io.tagstream.ingest.MicrophoneUnavailableException;
import io.tagstream.ingest.ProgressBar;
import io.tagstream.ingest.SendMode;
import io.tagstream.kafka.TopicsConfig;

/**
 * The default microphone as one live stream ({@value #STREAM}), captured until the time limit or {@link #stop()},
 * then ended with an end-of-stream marker; the number of frames it made is reported when the capture ends.
 */
public final class MicrophoneFeed implements DemoFeed {

    public static final String STREAM = "mic";
    private static final Duration JOIN_WAIT = Duration.ofSeconds(40);

    private final MicrophoneCapture capture;
    private final FeatureSpec spec;
    private final Duration limit;
    private final LongConsumer framesCaptured;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final FeedThreads threads = new FeedThreads();
    private SendTimes sink;

    private MicrophoneFeed(MicrophoneCapture capture, FeatureSpec spec, Duration limit, LongConsumer framesCaptured) {
        this.capture = capture;
        this.spec = spec;
        this.limit = limit;
        this.framesCaptured = framesCaptured;
    }

    /**
     * Opens the microphone now, so a machine without one fails before anything starts.
     *
     * @param framesCaptured told the stream's frame count once the capture has ended
     */
    public static MicrophoneFeed open(FeatureSpec spec, Duration limit, LongConsumer framesCaptured)
            throws MicrophoneUnavailableException {
        return new MicrophoneFeed(MicrophoneCapture.open(spec.sampleRate()), spec, limit, framesCaptured);
    }

    @Override
    public List<String> streamIds() {
        return List.of(STREAM);
    }

    @Override
    public void start(String bootstrapServers, TopicsConfig topics) {
        IngestConfig config = new IngestConfig(STREAM, SendMode.AUDIO, IngestConfig.DEFAULT_CHUNK_MILLIS, spec);
        sink = new SendTimes(KafkaChunkSink.open(bootstrapServers, topics.audio(), STREAM,
                KafkaChunkSink.DEFAULT_TIMEOUT), config.chunkSamples());
        threads.start("tagstream-demo-mic", () -> {
            try (SendTimes out = sink) {
                IngestSummary sent = capture.capture(config, System.currentTimeMillis(), out, limit,
                        stopRequested::get, ProgressBar.silent());
                framesCaptured.accept(StreamingFeatureExtractor.frameCount(spec, sent.samples()));
            }
        });
    }

    /** Ends the capture after the current chunk; the stream still gets its end-of-stream marker. */
    @Override
    public boolean stop() {
        stopRequested.set(true);
        return true;
    }

    @Override
    public SendTimes sendTimes(String stream) {
        return sink;
    }

    @Override
    public RuntimeException failure() {
        return threads.failure();
    }

    @Override
    public void close() {
        stop();
        threads.join(JOIN_WAIT);
        capture.close();
    }
}

package io.tagstream.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tagstream.features.FeatureSpec;
import io.tagstream.ingest.IngestConfig;
import io.tagstream.ingest.KafkaChunkSink;
import io.tagstream.ingest.ProgressBar;
import io.tagstream.ingest.ReplaySpeed;
import io.tagstream.ingest.SendMode;
import io.tagstream.ingest.WavFileReplayer;
import io.tagstream.kafka.TopicsConfig;

/**
 * The sample replayed into N streams at once ({@code sample-1 .. sample-N}), as {@code tagstream ingest --file}
 * replays a file: PCM chunks (20 ms, 50 ms at max speed) paced at the replay speed, then an end-of-stream marker;
 * one thread and one idempotent producer per stream, all streams starting at the same event time.
 */
public final class SampleReplay implements DemoFeed {

    /** How long closing waits for each replay thread (its producer's final flush included). */
    private static final Duration JOIN_WAIT = Duration.ofSeconds(40);

    private final DemoSample sample;
    private final ReplaySpeed speed;
    private final FeatureSpec spec;
    private final List<String> streamIds = new ArrayList<>();
    private final Map<String, SendTimes> sinks = new LinkedHashMap<>();
    private final FeedThreads threads = new FeedThreads();

    public SampleReplay(DemoSample sample, int streams, ReplaySpeed speed, FeatureSpec spec) {
        if (streams < 1) {
            throw new IllegalArgumentException("streams must be >= 1, got " + streams);
        }
        this.sample = sample;
        this.speed = speed;
        this.spec = spec;
        for (int i = 1; i <= streams; i++) {
            streamIds.add("sample-" + i);
        }
    }

    @Override
    public List<String> streamIds() {
        return List.copyOf(streamIds);
    }

    @Override
    public void start(String bootstrapServers, TopicsConfig topics) {
        long startEpochMs = System.currentTimeMillis();
        try {
            for (String id : streamIds) {
                KafkaChunkSink kafka = KafkaChunkSink.open(bootstrapServers, topics.audio(), id,
                        KafkaChunkSink.DEFAULT_TIMEOUT);
                sinks.put(id, new SendTimes(kafka, config(id).chunkSamples()));
            }
        } catch (RuntimeException e) {
            sinks.values().forEach(SendTimes::close);
            throw e;
        }
        for (String id : streamIds) {
            WavFileReplayer replayer = new WavFileReplayer(config(id), speed, startEpochMs);
            SendTimes sink = sinks.get(id);
            threads.start("tagstream-demo-replay-" + id, () -> {
                try (sink) {
                    replayer.replay(sample.audio(), sink, ProgressBar.silent());
                }
            });
        }
    }

    private IngestConfig config(String id) {
        return new IngestConfig(id, SendMode.AUDIO, IngestConfig.defaultChunkMillis(speed), spec);
    }

    /** Interrupts the replays: their streams get no end-of-stream marker. */
    @Override
    public boolean stop() {
        threads.interrupt();
        return false;
    }

    @Override
    public SendTimes sendTimes(String stream) {
        return sinks.get(stream);
    }

    @Override
    public RuntimeException failure() {
        return threads.failure();
    }

    @Override
    public void close() {
        threads.interrupt();
        threads.join(JOIN_WAIT);
    }
}

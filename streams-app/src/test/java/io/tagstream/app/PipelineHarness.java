package io.tagstream.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.config.AppConfigLoader;
import io.tagstream.features.DecodedAudio;
import io.tagstream.features.FeatureSpec;
import io.tagstream.ingest.IngestConfig;
import io.tagstream.ingest.KafkaChunkSink;
import io.tagstream.ingest.ProgressBar;
import io.tagstream.ingest.ReplaySpeed;
import io.tagstream.ingest.SendMode;
import io.tagstream.ingest.WavFileReplayer;
import io.tagstream.kafka.TopicCreator;
import io.tagstream.kafka.TopicsConfig;

/** Shared steps of the integration tests: recordings in, app config, label topics out (read_committed). */
public final class PipelineHarness {

    public static final long T0 = 1_700_000_000_000L;

    private PipelineHarness() {
    }

    /** A seeded recording of {@code seconds} at the pipeline rate: tones, noise bursts and near-silence. */
    public static DecodedAudio recording(long seed, double seconds, FeatureSpec spec) {
        Random random = new Random(seed);
        float[] x = new float[(int) (seconds * spec.sampleRate())];
        double f = 300;
        for (int i = 0; i < x.length; i++) {
            if (i % 4_000 == 0) {
                f = 150 + random.nextInt(2_500);
            }
            int part = (i / 8_000) % 3;
            double tone = part == 0 ? 0.3 * Math.sin(2 * Math.PI * f * i / spec.sampleRate()) : 0;
            double noise = part == 1 ? 0.2 * random.nextGaussian() : 0.002 * random.nextGaussian();
            x[i] = (float) (tone + noise);
        }
        return new DecodedAudio(x, spec.sampleRate());
    }

    /** Replays {@code audio} as stream {@code id} into the audio topic at max speed, ending with a marker. */
    public static void replay(String bootstrap, TopicsConfig topics, String id, DecodedAudio audio, FeatureSpec spec)
            throws InterruptedException {
        replay(bootstrap, topics, id, audio, spec, Double.POSITIVE_INFINITY);
    }

    /** As above, paced at {@code speed} x real time (infinite = as fast as possible). */
    static void replay(String bootstrap, TopicsConfig topics, String id, DecodedAudio audio, FeatureSpec spec,
            double speed) throws InterruptedException {
        replay(bootstrap, topics, id, audio, spec, speed, T0);
    }

    /** As above, the stream starting at {@code startEpochMs} by its event time (e.g. now, for a live stream). */
    public static void replay(String bootstrap, TopicsConfig topics, String id, DecodedAudio audio, FeatureSpec spec,
            double speed, long startEpochMs) throws InterruptedException {
        IngestConfig ingest = new IngestConfig(id, SendMode.AUDIO, IngestConfig.DEFAULT_CHUNK_MILLIS, spec);
        ReplaySpeed pace = Double.isInfinite(speed) ? ReplaySpeed.MAX : ReplaySpeed.parse(String.valueOf(speed));
        try (KafkaChunkSink sink = KafkaChunkSink.open(bootstrap, topics.audio(), id, Duration.ofSeconds(30))) {
            new WavFileReplayer(ingest, pace, startEpochMs).replay(audio, sink, ProgressBar.silent());
        }
    }

    /** The five topics named {@code prefix.audio} ... {@code prefix.dlq}, one partition each. */
    public static TopicsConfig topics(String prefix) {
        return new TopicsConfig(prefix + ".audio", prefix + ".features", prefix + ".labels", prefix + ".segments",
                prefix + ".dlq", 1, (short) 1);
    }

    public static void createTopics(String bootstrap, TopicsConfig topics) {
        TopicCreator.ensureTopics(bootstrap, topics, Duration.ofSeconds(30));
    }

    public static AppConfig config(String bootstrap, String applicationId, TopicsConfig topics, Path stateDir,
            Map<String, String> extra) {
        Map<String, String> flags = new HashMap<>(Map.of(
                "bootstrap.servers", bootstrap,
                "application.id", applicationId,
                "state.dir", stateDir.toString(),
                "http.port", "0",
                "commit.interval.ms", "100",
                "topic.audio", topics.audio(),
                "topic.features", topics.features(),
                "topic.labels", topics.labels(),
                "topic.segments", topics.segments(),
                "topic.dlq", topics.dlq()));
        flags.put("topic.partitions", String.valueOf(topics.partitions()));
        flags.putAll(extra);
        return AppConfigLoader.load(null, Map.of(), flags);
    }

    /**
     * Reads {@code topic} (read_committed) from the beginning until {@code expected} records arrived or the deadline
     * passed; returns the values per stream in offset order.
     */
    public static Map<String, List<byte[]>> readPerStream(String bootstrap, String topic, long expected,
            Duration deadline) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<byte[]>> perStream = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + deadline.toNanos();
            long count = 0;
            while (count < expected && System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    perStream.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                    count++;
                }
            }
            // anything beyond the expected count (duplicates) must show up too
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(1_000))) {
                perStream.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
            }
        }
        return perStream;
    }
}

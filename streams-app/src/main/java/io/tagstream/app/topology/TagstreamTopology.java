package io.tagstream.app.topology;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.features.TarsosFeatureExtractor;
import io.tagstream.kafka.TopicsConfig;

/**
 * The tagstream topology, a pure function of the config and the labeller:
 *
 * <pre>
 *   audio ──► feature-extraction ──► features (for consumers; the app skips its own copies)
 *                   │        │
 *                   │        └──────────► labelling ◄── features (chunks other producers wrote)
 *                   │  (audio-state store)   │  (context window store, label-state, latest stores)
 *                   └────► dlq ◄─────────────┴──► labels, segments
 * </pre>
 * Audio is labelled in the task that extracted its features, in the same transaction: one commit from audio to
 * label. The features topic still gets every feature chunk, marked with {@link TopologyNames#ORIGIN_HEADER}.
 */
public final class TagstreamTopology {

    /** Context retention floor: frames older than this (event time) behind their partition's newest are dropped. */
    static final Duration MIN_CONTEXT_RETENTION = Duration.ofHours(1);

    private TagstreamTopology() {
    }

    /** The topology, with a recent-stream history of its own that nothing reads (tests, benchmarks). */
    public static Topology build(AppConfig config, StreamLabeller labeller, PipelineMetrics metrics) {
        return build(config, labeller, metrics, new RecentStreams(), deadLetters(config, metrics));
    }

    /** Dead letters up to the producer's record limit (the topic's limit is not asked for: no cluster here). */
    public static DeadLetters deadLetters(AppConfig config, PipelineMetrics metrics) {
        return new DeadLetters(config.topics().dlq(), RecordSizeLimit.producer(config), metrics);
    }

    /** The topology, its label processors also appending to {@code recentStreams} (what the dashboard shows). */
    public static Topology build(AppConfig config, StreamLabeller labeller, PipelineMetrics metrics,
            RecentStreams recentStreams, DeadLetters deadLetters) {
        TopicsConfig topics = config.topics();
        LiveCommits liveCommits = LiveCommits.of(config);
        Topology topology = new Topology();
        StringDeserializer keys = new StringDeserializer();
        ByteArrayDeserializer values = new ByteArrayDeserializer();

        topology.addSource(TopologyNames.AUDIO_SOURCE, keys, values, topics.audio());
        topology.addProcessor(TopologyNames.FEATURE_EXTRACTION,
                () -> new FeatureExtractionProcessor(TopologyNames.AUDIO_STATE_STORE,
                        new TarsosFeatureExtractor(labeller.featureSpec()), metrics, deadLetters),
                TopologyNames.AUDIO_SOURCE);
        topology.addStateStore(keyValueStore(TopologyNames.AUDIO_STATE_STORE, StoreSerdes.AUDIO_STREAM_STATE),
                TopologyNames.FEATURE_EXTRACTION);
        topology.addSink(TopologyNames.FEATURES_SINK, topics.features(), new StringSerializer(),
                new ByteArraySerializer(), TopologyNames.FEATURE_EXTRACTION);

        topology.addSource(TopologyNames.FEATURES_SOURCE, keys, values, topics.features());
        topology.addProcessor(TopologyNames.LABELLING,
                () -> new LabelProcessor(labeller, config, metrics, recentStreams, deadLetters, liveCommits),
                TopologyNames.FEATURES_SOURCE, TopologyNames.FEATURE_EXTRACTION);
        topology.addStateStore(contextStore(labeller), TopologyNames.LABELLING);
        topology.addStateStore(keyValueStore(TopologyNames.LABEL_STATE_STORE, StoreSerdes.LABEL_STREAM_STATE),
                TopologyNames.LABELLING);
        topology.addStateStore(keyValueStore(TopologyNames.LATEST_STORE, StoreSerdes.STREAM_VIEW), TopologyNames.LABELLING);
        topology.addSink(TopologyNames.LABELS_SINK, topics.labels(), new StringSerializer(),
                new ByteArraySerializer(), TopologyNames.LABELLING);
        topology.addSink(TopologyNames.SEGMENTS_SINK, topics.segments(), new StringSerializer(),
                new ByteArraySerializer(), TopologyNames.LABELLING);

        topology.addSink(DeadLetters.SINK, topics.dlq(), new StringSerializer(), new ByteArraySerializer(),
                TopologyNames.FEATURE_EXTRACTION, TopologyNames.LABELLING);
        return topology;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> keyValueStore(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }

    /** The context store's retention: the receptive field, at least {@link #MIN_CONTEXT_RETENTION}. */
    static Duration contextRetention(StreamLabeller labeller) {
        Duration hop = Duration.ofMillis(Math.max(1, Math.round(labeller.featureSpec().hopMillis())));
        Duration receptive = hop.multipliedBy(Math.max(1, labeller.contextFrames()));
        return receptive.compareTo(MIN_CONTEXT_RETENTION) > 0 ? receptive : MIN_CONTEXT_RETENTION;
    }

    /**
     * One entry per feature chunk ({@link ContextChunk}) at its first frame's time (window size = hop), retention
     * well above the receptive field. The changelog stamps its
     * records with the broker's append time: its time-based retention then counts from when a frame was stored, not
     * from the frame's event time, so the context of a replayed old recording is not deleted from the changelog
     * (and lost to a restore) the moment the broker checks retention.
     */
    private static StoreBuilder<WindowStore<String, ContextChunk>> contextStore(StreamLabeller labeller) {
        Duration hop = Duration.ofMillis(Math.max(1, Math.round(labeller.featureSpec().hopMillis())));
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(TopologyNames.CONTEXT_STORE,
                        contextRetention(labeller), hop, false),
                Serdes.String(), StoreSerdes.contextChunks(labeller.featureSpec().dims())).withCachingEnabled()
                .withLoggingEnabled(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
    }
}

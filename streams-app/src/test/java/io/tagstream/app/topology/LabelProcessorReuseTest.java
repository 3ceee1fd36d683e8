package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.config.AppConfigLoader;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.labeller.TestEncoders;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.features.FeatureSpec;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;
import io.tagstream.wire.LabelJson;

/**
 * Kafka Streams may close a processor and init it again (a task that moved to another instance and came back):
 * meanwhile the other instance moved the stream on in the stores. The reused processor must label from the stores,
 * not from what it held in memory before: found by the chaos bench, where frames labelled after a hand-back carried
 * the frame numbers of the stream's first second (and the frames they stood for were lost). The reused processor
 * rebuilds the stream's encoder state from the context store: with a convolutional front end, its conv caches too
 * (and only those for a model of the front end alone).
 */
class LabelProcessorReuseTest {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final int FRAMES = 240;
    private static final int CHUNK = 10;
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path stateDir;

    /**
     * The small real encoder, the same behind a convolutional front end (whose caches are rebuilt too), and that front
     * end alone (no attention blocks: only conv caches to rebuild).
     */
    static List<Named<StreamLabeller>> labellers() {
        return List.of(Named.of("small encoder", TestEncoders.labeller(5)),
                Named.of("small encoder with a conv front end", TestEncoders.labellerWithFrontEnd(5)),
                Named.of("conv front end alone", TestEncoders.labellerConvOnly(5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labellers")
    void aProcessorInitialisedAgainAfterAnotherInstanceMovedTheStreamOnLabelsFromTheStores(StreamLabeller labeller) {
        float[][] frames = frames(new Random(8));
        List<byte[]> uninterrupted = run(labeller, frames, false);
        List<byte[]> handedBack = run(labeller, frames, true);
        assertEquals(FRAMES, handedBack.size(), "one label per frame");
        for (int f = 0; f < FRAMES; f++) {
            assertEquals(f, LabelJson.decodeLabel(handedBack.get(f)).frame(), "in order");
            assertArrayEquals(uninterrupted.get(f), handedBack.get(f), "frame " + f + " as uninterrupted");
        }
    }

    /**
     * Feeds the frames in chunks to processor {@code x}; with {@code handBack}, the middle third goes to another
     * processor {@code y} over the same stores (as another instance restored from the changelogs), then back to
     * {@code x}, closed and initialised again. Returns the labels in the order they were forwarded.
     */
    private List<byte[]> run(StreamLabeller labeller, float[][] frames, boolean handBack) {
        AppConfig config = AppConfigLoader.load(null, Map.of(), Map.of("bootstrap.servers", "127.0.0.1:9",
                "state.dir", stateDir.toString(), "label.batch.max.frames", "1"));
        PipelineMetrics metrics = new PipelineMetrics("reuse");
        DeadLetters deadLetters = TagstreamTopology.deadLetters(config, metrics);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reuse");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        MockProcessorContext<String, byte[]> context = new MockProcessorContext<>(props);
        context.setCurrentSystemTimeMs(T0);
        addStores(labeller, context);
        LabelProcessor x = new LabelProcessor(labeller, config, metrics, new RecentStreams(), deadLetters,
                LiveCommits.of(config));
        LabelProcessor y = new LabelProcessor(labeller, config, metrics, new RecentStreams(), deadLetters,
                LiveCommits.of(config));
        x.init(context);
        List<byte[]> labels = new ArrayList<>();
        for (int first = 0; first < FRAMES; first += CHUNK) {
            if (handBack && first == FRAMES / 3) {
                x.close();
                y.init(context);
            } else if (handBack && first == 2 * FRAMES / 3) {
                y.close();
                x.init(context);
            }
            LabelProcessor current = !handBack || first < FRAMES / 3 || first >= 2 * FRAMES / 3 ? x : y;
            current.process(chunk(frames, first, context));
            context.forwarded(TopologyNames.LABELS_SINK).forEach(f -> labels.add(f.record().value()));
            context.resetForwards();
        }
        return labels;
    }

    private static Record<String, byte[]> chunk(float[][] frames, int first, MockProcessorContext<String, byte[]> c) {
        int n = Math.min(CHUNK, FRAMES - first);
        float[] values = new float[n * SPEC.dims()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(frames[first + i], 0, values, i * SPEC.dims(), SPEC.dims());
        }
        long time = T0 + first * 10L;
        c.setRecordMetadata("tagstream.features", 0, first / CHUNK);
        return new Record<>("s", FeatureChunkCodec.encode(new FeatureChunk("s", first, SPEC, time, n, values,
                first + n == FRAMES)), time);
    }

    private static void addStores(StreamLabeller labeller, MockProcessorContext<String, byte[]> context) {
        Duration hop = Duration.ofMillis(10);
        WindowStore<String, ContextChunk> window = Stores.windowStoreBuilder(Stores.inMemoryWindowStore(
                TopologyNames.CONTEXT_STORE, TagstreamTopology.contextRetention(labeller), hop, false),
                Serdes.String(), StoreSerdes.contextChunks(SPEC.dims())).withLoggingDisabled().build();
        KeyValueStore<String, LabelStreamState> state = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(
                TopologyNames.LABEL_STATE_STORE), Serdes.String(), StoreSerdes.LABEL_STREAM_STATE)
                .withLoggingDisabled().build();
        KeyValueStore<String, ObjectNode> latest = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(TopologyNames.LATEST_STORE), Serdes.String(), StoreSerdes.STREAM_VIEW)
                .withLoggingDisabled().build();
        for (StateStore store : List.<StateStore>of(window, state, latest)) {
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
    }

    private static float[][] frames(Random random) {
        float[][] frames = new float[FRAMES][SPEC.dims()];
        for (float[] frame : frames) {
            for (int d = 0; d < frame.length; d++) {
                frame[d] = (float) (-4 + 2 * random.nextGaussian());
            }
        }
        return frames;
    }
}

package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Properties;
import java.util.Random;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;
import io.tagstream.wire.SegmentRecord;

/**
 * {@link LatestLabels} keeps the views it updates parsed: the stored views are the same as those of an instance that
 * reads every view from the store before updating it, over more streams than it keeps (so views leave the cache and
 * are read back), with segments beyond the {@value LatestLabels#RECENT_SEGMENTS} kept and streams that end and start
 * again.
 */
class LatestLabelsTest {

    private static final List<String> LABELS = List.of("silence", "speech", "music", "noise");

    @Test
    void keptViewsStoreWhatReadingEveryViewStores() {
        MockProcessorContext<String, byte[]> context = context();
        KeyValueStore<String, ObjectNode> kept = store("kept", context);
        KeyValueStore<String, ObjectNode> read = store("read", context);
        LatestLabels keeping = new LatestLabels(kept);
        int streams = LatestLabels.CACHED_VIEWS + 44;
        Random random = new Random(7);
        long[] frames = new long[streams];
        for (int step = 0; step < 20_000; step++) {
            int s = random.nextInt(streams);
            String id = "s" + s;
            LatestLabels reading = new LatestLabels(read); // a fresh instance: nothing kept, every view read
            int what = random.nextInt(20);
            if (what == 0) {
                keeping.ended(id);
                reading.ended(id);
            } else if (what < 5) {
                SegmentRecord segment = new SegmentRecord(id, frames[s] * 10, frames[s] * 10 + 10,
                        LABELS.get(random.nextInt(4)), random.nextDouble());
                keeping.segment(id, segment);
                reading.segment(id, segment);
            } else {
                float[] p = {random.nextFloat(), random.nextFloat(), random.nextFloat(), random.nextFloat()};
                byte[] json = LabelJson.encode(new LabelRecord(id, frames[s], frames[s] * 10, frames[s] * 10 + 10,
                        LABELS.get(random.nextInt(4)), LABELS, p, "m"));
                frames[s]++;
                keeping.label(id, json);
                reading.label(id, json);
            }
        }
        for (int s = 0; s < streams; s++) {
            assertEquals(read.get("s" + s), kept.get("s" + s), "stream s" + s);
        }
    }

    private static KeyValueStore<String, ObjectNode> store(String name, MockProcessorContext<String, byte[]> context) {
        KeyValueStore<String, ObjectNode> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), StoreSerdes.STREAM_VIEW).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    private static MockProcessorContext<String, byte[]> context() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "latest-labels");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        return new MockProcessorContext<>(props);
    }
}

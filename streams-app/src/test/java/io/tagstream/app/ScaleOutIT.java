package io.tagstream.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.labeller.TestEncoders;
import io.tagstream.features.DecodedAudio;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.kafka.TopicsConfig;
import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;

/**
 * Against a real embedded KRaft broker: two app instances with one application id over a 4-partition topic label 8
 * replayed streams exactly like a single instance does (and like a second replay does), one label per frame, in order.
 * The streams are replayed once every instance of a run is running and owns partitions, and each of the two instances
 * must have labelled frames: the split is real, not one instance doing all the work.
 */
class ScaleOutIT {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STREAMS = 8;
    private static final double SECONDS = 3.0;
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @TempDir
    Path stateDir;

    private final StreamLabeller labeller = TestEncoders.labeller(3);

    @Test
    void twoInstancesLabelExactlyLikeOneAndLikeASecondReplay() throws Exception {
        assertTrue(labeller.engine().startsWith("nd4j-row-invariant"), "the app's ND4J engine, not " + labeller.engine());
        long framesPerStream = StreamingFeatureExtractor.frameCount(SPEC, (long) (SECONDS * SPEC.sampleRate()));
        long total = framesPerStream * STREAMS;

        Map<String, List<byte[]>> single = run("single", 1, total);
        Map<String, List<byte[]>> pair = run("pair", 2, total);
        Map<String, List<byte[]>> again = run("again", 1, total);

        assertEquals(STREAMS, single.size());
        for (int s = 0; s < STREAMS; s++) {
            String id = "stream-" + s;
            List<byte[]> labels = single.get(id);
            assertEquals(framesPerStream, labels.size(), id + ": one label per frame");
            for (int f = 0; f < labels.size(); f++) {
                LabelRecord label = LabelJson.decodeLabel(labels.get(f));
                assertEquals(f, label.frame(), id + ": frames in order");
                assertArrayEquals(labels.get(f), pair.get(id).get(f), id + " frame " + f + ": 2 instances == 1");
                assertArrayEquals(labels.get(f), again.get(id).get(f), id + " frame " + f + ": replay == first run");
            }
            assertEquals(labels.size(), pair.get(id).size(), id + ": nothing doubled with 2 instances");
            assertEquals(labels.size(), again.get(id).size(), id + ": nothing doubled on replay");
        }
    }

    /** Waits (bounded) until the instances' active tasks cover every partition, each instance holding some. */
    private static void awaitEveryInstanceOwnsPartitions(List<TagstreamApp> apps, int partitions)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Integer> owned = apps.stream().map(TagstreamApp::activeTaskCount).toList();
            if (owned.stream().allMatch(n -> n > 0) && owned.stream().mapToInt(Integer::intValue).sum() >= partitions) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the instances did not share the partitions within 60 s: "
                + apps.stream().map(TagstreamApp::activeTaskCount).toList());
    }

    /** Interactive queries across instances: each instance's REST API answers for all streams. */
    private static void assertEveryInstanceAnswersForEveryStream(List<TagstreamApp> apps,
            Map<String, List<byte[]>> labels) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (TagstreamApp app : apps) {
            String base = "http://" + app.restAddress();
            JsonNode ids = JSON.readTree(get(http, base + "/streams"));
            assertEquals(STREAMS, ids.size(), base + "/streams lists every stream: " + ids);
            for (int s = 0; s < STREAMS; s++) {
                String id = "stream-" + s;
                JsonNode view = JSON.readTree(get(http, base + "/streams/" + id));
                List<byte[]> stream = labels.get(id);
                assertEquals(LabelJson.decodeLabel(stream.get(stream.size() - 1)).frame(),
                        view.get("label").get("frame").asLong(), id + ": latest label via " + base);
                assertTrue(view.get("ended").asBoolean(), id + " ended");
            }
            assertTrue(get(http, base + "/metrics").contains("tagstream_frames_labelled_total"), "metrics");
            assertEquals("{\"state\":\"RUNNING\"}", get(http, base + "/ready"));
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + " -> " + response.body());
        return response.body();
    }

    /** Runs {@code instances} app instances of application {@code appId} until all labels are out. */
    private Map<String, List<byte[]>> run(String appId, int instances, long expected) throws Exception {
        TopicsConfig topics = new TopicsConfig(appId + ".audio", appId + ".features", appId + ".labels",
                appId + ".segments", appId + ".dlq", 4, (short) 1);
        PipelineHarness.createTopics(broker.bootstrapServers(), topics);
        List<TagstreamApp> apps = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                AppConfig config = PipelineHarness.config(broker.bootstrapServers(), appId, topics,
                        stateDir.resolve(appId + "-" + i), Map.of());
                TagstreamApp app = new TagstreamApp(config, labeller);
                app.start();
                apps.add(app);
            }
            for (TagstreamApp app : apps) {
                assertTrue(app.awaitRunning(Duration.ofSeconds(60)), appId + " reaches RUNNING");
            }
            awaitEveryInstanceOwnsPartitions(apps, topics.partitions());
            for (int s = 0; s < STREAMS; s++) {
                PipelineHarness.replay(broker.bootstrapServers(), topics, "stream-" + s,
                        PipelineHarness.recording(100 + s, SECONDS, SPEC), SPEC);
            }
            Map<String, List<byte[]>> labels = PipelineHarness.readPerStream(broker.bootstrapServers(),
                    topics.labels(), expected, Duration.ofSeconds(120));
            if (instances > 1) {
                for (TagstreamApp app : apps) {
                    assertTrue(app.metrics().framesLabelledCount() > 0, app.restAddress() + " labelled frames too");
                }
                assertEveryInstanceAnswersForEveryStream(apps, labels);
            }
            return labels;
        } finally {
            apps.forEach(TagstreamApp::close);
        }
    }
}

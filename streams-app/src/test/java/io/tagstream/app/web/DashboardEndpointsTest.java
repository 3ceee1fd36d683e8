package io.tagstream.app.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.config.AppConfigLoader;
import io.tagstream.app.config.LabelBatching;
import io.tagstream.app.labeller.EncoderLabeller;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.labeller.TestEncoders;
import io.tagstream.app.labeller.WindowMeanLabeller;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.app.topology.RecentStreams;
import io.tagstream.app.topology.TagstreamTopology;
import io.tagstream.features.FeatureSpec;
import io.tagstream.model.Encoder;
import io.tagstream.model.LayerAttention;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;
import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;

/**
 * The dashboard's HTTP endpoints over a topology run by TopologyTestDriver with the real (small) encoder: attention
 * equals the encoder's own attention of the whole recording, the recent history equals what the topology emitted,
 * the errors say why, and the Server-Sent Event streams are bounded and closed on shutdown.
 */
class DashboardEndpointsTest {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final long T0 = 1_700_000_000_000L;
    private static final int HISTORY = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private final EncoderLabeller labeller = TestEncoders.labeller(5);
    /** The same weights in an encoder of its own: the reference the endpoint is checked against. */
    private final Encoder reference = TestEncoders.small(5);
    private final RecentStreams recent = new RecentStreams(HISTORY, 8);
    private final HttpClient http = HttpClient.newHttpClient();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> features;
    private TestOutputTopic<String, byte[]> labels;
    private TestOutputTopic<String, byte[]> segments;
    private Dashboard dashboard;
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        AppConfig config = AppConfigLoader.load(null, Map.of(), Map.of("bootstrap.servers", "127.0.0.1:9",
                "state.dir", stateDir.toString()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dashboard-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        PipelineMetrics metrics = new PipelineMetrics(labeller.modelId());
        driver = new TopologyTestDriver(TagstreamTopology.build(config, labeller, metrics, recent,
                TagstreamTopology.deadLetters(config, metrics)), props);
        features = driver.createInputTopic(config.topics().features(), new StringSerializer(),
                new ByteArraySerializer());
        labels = driver.createOutputTopic(config.topics().labels(), new StringDeserializer(),
                new ByteArrayDeserializer());
        segments = driver.createOutputTopic(config.topics().segments(), new StringDeserializer(),
                new ByteArrayDeserializer());
        dashboard = new Dashboard(recent, labeller);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        dashboard.register(server);
        server.createContext("/streams/", dashboard::streamResource); // as RestServer routes them
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        dashboard.close();
        server.stop(0);
        driver.close();
    }

    @Test
    void attentionOfAFrameEqualsTheEncodersAttentionOnTheWholeRecording() throws Exception {
        float[][] sent = sendFeatures("s", 0, 100, 11, false);
        int lookahead = labeller.lookaheadFrames(); // N * R = 2
        for (int frame : new int[] {0, 5, 16, 50, 97}) {
            JsonNode answer = getJson("/streams/s/attention?frame=" + frame, 200);
            assertEquals(frame, answer.get("frame").asInt());
            assertAttentionEquals(reference.attention(sent, frame), answer, "frame " + frame);
        }
        JsonNode newest = getJson("/streams/s/attention", 200);
        assertEquals(100 - 1 - lookahead, newest.get("frame").asInt(), "default: the newest labelled frame");
        assertEquals(2, newest.get("layers").asInt());
        assertEquals(2, newest.get("heads").asInt());
        assertEquals(8, newest.get("left").asInt());
        assertEquals(1, newest.get("right").asInt());
        assertEquals(labeller.contextFrames() + 1, newest.get("window").get("frames").asInt(),
                "N(L+R)+1 frames: N*L back, N*R ahead");
    }

    @Test
    void framesWhoseContextOrLookaheadIsNotHeldAre404WithTheReason() throws Exception {
        float[][] sent = sendFeatures("s", 0, 200, 12, false); // holds frames 80..199
        assertTrue(error("/streams/s/attention?frame=10", 404).contains("holds frames 80..199"));
        assertTrue(error("/streams/s/attention?frame=85", 404).contains("has left this instance's recent history"));
        assertTrue(error("/streams/s/attention?frame=199", 404).contains("not labelled yet"));
        assertTrue(error("/streams/nope/attention?frame=1", 404).contains("not labelled on this instance"));
        assertTrue(error("/streams/s/attention?frame=-3", 400).contains("frame must be a frame index"));
        assertAttentionEquals(reference.attention(sent, 96), getJson("/streams/s/attention?frame=96", 200), "96");

        sendFeatures("s", 200, 0, 13, true); // end of stream: the last frames need no more lookahead
        float[][] whole = Arrays.copyOf(sent, 200);
        assertAttentionEquals(reference.attention(whole, 199), getJson("/streams/s/attention?frame=199", 200), "199");
    }

    @Test
    void recentHistoryHoldsWhatTheTopologyEmitted() throws Exception {
        float[][] sent = sendFeatures("s", 0, 150, 14, true);
        List<LabelRecord> emitted = labels.readValuesToList().stream().map(LabelJson::decodeLabel).toList();
        List<JsonNode> closed = new ArrayList<>();
        for (byte[] segment : segments.readValuesToList()) {
            closed.add(JSON.readTree(segment));
        }
        JsonNode recentView = getJson("/streams/s/recent", 200);

        JsonNode frames = recentView.get("frames");
        assertEquals(HISTORY, frames.size(), "the newest " + HISTORY + " frames");
        for (int i = 0; i < frames.size(); i++) {
            int frame = 150 - HISTORY + i;
            assertEquals(frame, frames.get(i).get(0).asInt());
            for (int d = 0; d < SPEC.dims(); d++) {
                assertEquals(sent[frame][d], frames.get(i).get(1).get(d).asDouble(), 0.005 + 1e-6,
                        "frame " + frame + " dim " + d + " (rounded to 0.01)");
            }
        }
        JsonNode held = recentView.get("labels");
        assertEquals(HISTORY, held.size(), "every held frame is labelled once the stream ended");
        for (int i = 0; i < held.size(); i++) {
            LabelRecord label = emitted.get(held.get(i).get(0).asInt());
            for (int k = 0; k < label.labels().size(); k++) {
                assertEquals(label.probability(k), held.get(i).get(1).get(k).asDouble(), 5e-5 + 1e-7,
                        "frame " + label.frame() + " label " + k + " (rounded to 1e-4)");
            }
        }
        assertEquals(closed, toList(recentView.get("segments")), "the closed segments, in the topic's format");
        assertTrue(recentView.get("ended").asBoolean());
    }

    @Test
    void eventStreamsSendMetaThenUpdatesAndTheListOfStreams() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (EventReader stream = new EventReader(open("/events/streams/s"));
                 EventReader list = new EventReader(open("/events/streams"))) {
                JsonNode meta = stream.next("meta");
                assertEquals(labeller.modelId(), meta.get("model").asText());
                assertEquals(TestEncoders.LABELS, toList(meta.get("labels")).stream().map(JsonNode::asText).toList());
                assertEquals(HISTORY, meta.get("history_frames").asInt());
                assertTrue(stream.next("missing").get("error").asText().contains("not labelled on this instance"));
                assertEquals(0, list.next("streams").size(), "no stream yet");

                sendFeatures("s", 0, 30, 15, false);
                JsonNode first = stream.next("update");
                assertTrue(first.get("reset").asBoolean());
                int framesSeen = first.get("frames").size();
                int labelsSeen = first.get("labels").size();
                while (framesSeen < 30 || labelsSeen < 30 - labeller.lookaheadFrames()) {
                    JsonNode more = stream.next("update");
                    assertFalse(more.get("reset").asBoolean(), "later updates continue the first");
                    framesSeen += more.get("frames").size();
                    labelsSeen += more.get("labels").size();
                }
                assertEquals(30, framesSeen, "each frame once");
                assertEquals(30 - labeller.lookaheadFrames(), labelsSeen, "each labelled frame once");

                // the list may have sent the stream while it was being labelled (a loaded machine: frame 5 first);
                // its newest labelled frame only grows, to 27 (the 20 s timeout bounds the wait)
                JsonNode listed = list.next("streams").get(0);
                assertEquals("s", listed.get("stream").asText());
                while (listed.get("frame").asInt() < 27) {
                    JsonNode next = list.next("streams").get(0);
                    assertTrue(next.get("frame").asInt() >= listed.get("frame").asInt(), "the newest frame never "
                            + "goes back: " + listed + " then " + next);
                    listed = next;
                }
                assertEquals(27, listed.get("frame").asInt(), "newest labelled frame");
                assertFalse(listed.get("ended").asBoolean());
            }
        });
    }

    @Test
    void eventStreamsAreBoundedAndEndWhenTheDashboardCloses() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            List<EventReader> open = new ArrayList<>();
            for (int i = 0; i < DashboardEvents.MAX_CLIENTS; i++) {
                EventReader reader = new EventReader(open("/events/streams"));
                reader.next("streams");
                open.add(reader);
            }
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "/events/streams"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, refused.statusCode());
            assertTrue(refused.body().contains("at most " + DashboardEvents.MAX_CLIENTS), refused.body());

            dashboard.close();
            for (EventReader reader : open) {
                assertTrue(reader.endsWithoutAnotherEvent(), "the stream is closed");
                reader.close();
            }
            assertEquals(0, dashboard.eventClients());
        });
    }

    @Test
    void pagesAreServedFromTheJarAndNothingElse() throws Exception {
        for (String page : List.of("/", "/ui/stream.html", "/ui/stream.js", "/ui/index.js", "/ui/dashboard.js",
                "/ui/dashboard.css")) {
            HttpResponse<String> response = get(page);
            assertEquals(200, response.statusCode(), page);
            assertFalse(response.body().contains("http://") || response.body().contains("https://"),
                    page + " loads nothing from elsewhere");
        }
        assertEquals(404, get("/ui/../pom.xml").statusCode());
        assertEquals(404, get("/favicon.ico").statusCode());
    }

    @Test
    void aLabellerWithoutAttentionSaysSoAndTheWindowMeanLabellerShowsItsUniformWeights() throws Exception {
        sendFeatures("s", 0, 40, 16, false);
        StreamLabeller without = new StreamLabeller() {
            @Override public FeatureSpec featureSpec() { return labeller.featureSpec(); }
            @Override public List<String> labels() { return labeller.labels(); }
            @Override public String modelId() { return "no-attention"; }
            @Override public int contextFrames() { return labeller.contextFrames(); }
            @Override public int lookaheadFrames() { return labeller.lookaheadFrames(); }
            @Override public Session open(long before, float[][] history) { return labeller.open(before, history); }
            @Override public List<float[][]> advance(List<Session> s, List<float[][]> f) { return labeller.advance(s, f); }
            @Override public float[][] finish(Session session) { return labeller.finish(session); }
        };
        try (Dashboard other = new Dashboard(recent, without)) {
            server.removeContext("/streams/");
            server.createContext("/streams/", other::streamResource);
            assertTrue(error("/streams/s/attention?frame=20", 501).contains("no-attention has no attention"));
        }
        try (Dashboard uniform = new Dashboard(recent, new WindowMeanLabeller(SPEC, TestEncoders.LABELS, 16, 2))) {
            server.removeContext("/streams/");
            server.createContext("/streams/", uniform::streamResource);
            JsonNode interior = getJson("/streams/s/attention?frame=20", 200).get("weights").get(0).get(0);
            assertEquals(19, interior.size());
            interior.forEach(w -> assertEquals(1.0 / 19, w.asDouble(), 1e-7));
            JsonNode early = getJson("/streams/s/attention?frame=3", 200).get("weights").get(0).get(0);
            for (int j = 0; j < 19; j++) {
                int offset = j - 16;
                assertEquals(offset >= -3 && offset <= 2 ? 1.0 / 6 : 0.0, early.get(j).asDouble(), 1e-7,
                        "offset " + offset + ": uniform over the 6 frames 0..5 that exist");
            }
        }
    }

    /** Every layer's and head's weights equal the reference's (1e-5) and each row sums to 1 (1e-5). */
    private static void assertAttentionEquals(List<LayerAttention> expected, JsonNode answer, String what) {
        JsonNode weights = answer.get("weights");
        assertEquals(expected.size(), weights.size(), what + ": layers");
        for (int l = 0; l < expected.size(); l++) {
            float[][] layer = expected.get(l).weights(); // [heads][L + R + 1]
            assertEquals(layer.length, weights.get(l).size(), what + ": heads of layer " + l);
            for (int h = 0; h < layer.length; h++) {
                JsonNode row = weights.get(l).get(h);
                assertEquals(layer[h].length, row.size());
                double sum = 0;
                for (int j = 0; j < layer[h].length; j++) {
                    assertEquals(layer[h][j], row.get(j).asDouble(), 1e-5, what + " layer " + l + " head " + h
                            + " offset " + (j - answer.get("left").asInt()));
                    sum += row.get(j).asDouble();
                }
                assertEquals(1.0, sum, 1e-5, what + " layer " + l + " head " + h + ": weights sum to 1");
            }
        }
    }

    /** Sends {@code count} seeded random log-mel-like frames from {@code first}, in chunks of 1..25 frames. */
    private float[][] sendFeatures(String id, long first, int count, long seed, boolean end) {
        Random random = new Random(seed);
        float[][] frames = new float[count][SPEC.dims()];
        for (float[] frame : frames) {
            for (int d = 0; d < frame.length; d++) {
                frame[d] = (float) (-4 + 2 * random.nextGaussian());
            }
        }
        int sent = 0;
        do {
            int n = Math.min(count - sent, 1 + random.nextInt(25));
            float[] values = new float[n * SPEC.dims()];
            for (int i = 0; i < n; i++) {
                System.arraycopy(frames[sent + i], 0, values, i * SPEC.dims(), SPEC.dims());
            }
            long frame = first + sent;
            long time = T0 + frame * 10;
            boolean last = end && sent + n == count;
            features.pipeInput(id, FeatureChunkCodec.encode(new FeatureChunk(id, frame, SPEC, time, n, values, last)),
                    time);
            sent += n;
        } while (sent < count);
        driver.advanceWallClockTime(LabelBatching.DEFAULT.maxWait()); // the label processor's batched forward
        return frames;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path, int status) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(status, response.statusCode(), path + " -> " + response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(response.body());
    }

    private String error(String path, int status) throws Exception {
        return getJson(path, status).get("error").asText();
    }

    private InputStream open(String path) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode(), path);
        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        return response.body();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** Reads Server-Sent Events (name + one data line) from a stream. */
    private static final class EventReader implements AutoCloseable {
        private final BufferedReader lines;

        EventReader(InputStream body) {
            this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        /** The data of the next event, which must be named {@code name}. */
        JsonNode next(String name) throws Exception {
            String event = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event: ")) {
                    event = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    assertEquals(name, event, "next event");
                    return JSON.readTree(line.substring("data: ".length()));
                }
            }
            throw new AssertionError("the event stream ended before event " + name);
        }

        /** True when the stream reaches its end with no further event. */
        boolean endsWithoutAnotherEvent() throws Exception {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event: ")) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws Exception {
            lines.close();
        }
    }
}

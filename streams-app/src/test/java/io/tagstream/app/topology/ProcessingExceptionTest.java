package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.config.AppConfigLoader;
import io.tagstream.app.labeller.DelegatingLabeller;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.labeller.WindowMeanLabeller;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.features.FeatureSpec;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;
import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;

/**
 * A model call that throws inside the label processor, with the app's own Kafka Streams settings
 * ({@link StreamsSettings}): the record goes to the dead-letter topic once (no poison-pill loop), the stream goes on
 * after a counted gap with its context as before the bad chunk, and other streams are not touched. With one forward
 * per record (the batching punctuation between records, as at low load) only the bad record goes; with several
 * records of the stream waiting in the failed batch, all of that stream's waiting records go.
 */
class ProcessingExceptionTest {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final List<String> LABELS = List.of("silence", "speech", "music", "noise");
    private static final long T0 = 1_700_000_000_000L;
    private static final int CHUNK = 10;
    /** A feature value the poisoned labeller refuses. */
    private static final float POISON = 12_345f;

    @TempDir
    Path stateDir;

    @Test
    void aThrowingModelCallDeadLettersTheRecordAndTheStreamsGoOn() {
        AppConfig config = AppConfigLoader.load(null, Map.of(), Map.of("bootstrap.servers", "127.0.0.1:9",
                "state.dir", stateDir.toString(), "gap.policy", "continue"));
        WindowMeanLabeller reference = new WindowMeanLabeller(SPEC, LABELS, 6, 2);
        PipelineMetrics metrics = new PipelineMetrics("poisoned");
        Properties props = StreamsSettings.of(config, "127.0.0.1:1",
                TagstreamTopology.deadLetters(config, metrics));
        props.put("processing.guarantee", "at_least_once"); // the test driver runs without transactions
        try (TopologyTestDriver driver = new TopologyTestDriver(
                TagstreamTopology.build(config, new PoisonedLabeller(reference), metrics), props)) {
            TestInputTopic<String, byte[]> features = driver.createInputTopic(config.topics().features(),
                    new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, byte[]> labels = driver.createOutputTopic(config.topics().labels(),
                    new StringDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<String, byte[]> dlq = driver.createOutputTopic(config.topics().dlq(),
                    new StringDeserializer(), new ByteArrayDeserializer());

            Random random = new Random(11);
            float[][] p = frames(random, 30);
            float[][] q = frames(random, 30);
            p[15][3] = POISON; // in p's second chunk
            byte[] poisoned = null;
            for (int c = 0; c < 3; c++) {
                byte[] pc = chunk("p", p, c, c == 2);
                poisoned = c == 1 ? pc : poisoned;
                features.pipeInput("p", pc);
                driver.advanceWallClockTime(config.batching().maxWait());
                features.pipeInput("q", chunk("q", q, c, c == 2));
                driver.advanceWallClockTime(config.batching().maxWait());
            }

            List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
            assertEquals(1, dead.size(), "one dead letter, no retry loop");
            assertEquals("p", dead.get(0).key());
            assertArrayEquals(poisoned, dead.get(0).value());
            assertTrue(dead.get(0).headers().toArray().length > 0, "the dead letter says what went wrong");
            assertTrue(headerValues(dead.get(0)).stream().anyMatch(v -> v.contains("poisoned frame")),
                    () -> "headers: " + headerValues(dead.get(0)));

            Map<String, List<LabelRecord>> out = new java.util.HashMap<>();
            for (TestRecord<String, byte[]> r : labels.readRecordsToList()) {
                out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(LabelJson.decodeLabel(r.value()));
            }
            assertArrayEquals(expected(reference, q), probabilities(out.get("q")), "the other stream is untouched");
            // p: frames 0..9, then (gap, continue) frames 20..29 fed after the context of frames 0..9
            float[][] kept = new float[20][];
            System.arraycopy(p, 0, kept, 0, 10);
            System.arraycopy(p, 20, kept, 10, 10);
            float[][] pExpected = expected(reference, kept);
            List<Long> frameNumbers = out.get("p").stream().map(LabelRecord::frame).toList();
            List<Long> wanted = new ArrayList<>();
            for (long f = 0; f < 30; f++) {
                if (f < 10 || f >= 20) {
                    wanted.add(f);
                }
            }
            assertEquals(wanted, frameNumbers, "a hole where the dead-lettered chunk was");
            assertArrayEquals(pExpected, probabilities(out.get("p")));
            assertEquals(1, metrics.deadLetterCount());
        }
    }

    @Test
    void aBatchThatThrowsDeadLettersTheFailingStreamsWaitingRecordsAndLabelsTheOthers() {
        AppConfig config = AppConfigLoader.load(null, Map.of(), Map.of("bootstrap.servers", "127.0.0.1:9",
                "state.dir", stateDir.toString(), "gap.policy", "continue"));
        WindowMeanLabeller reference = new WindowMeanLabeller(SPEC, LABELS, 6, 2);
        PipelineMetrics metrics = new PipelineMetrics("poisoned");
        Properties props = StreamsSettings.of(config, "127.0.0.1:1",
                TagstreamTopology.deadLetters(config, metrics));
        props.put("processing.guarantee", "at_least_once");
        try (TopologyTestDriver driver = new TopologyTestDriver(
                TagstreamTopology.build(config, new PoisonedLabeller(reference), metrics), props)) {
            TestInputTopic<String, byte[]> features = driver.createInputTopic(config.topics().features(),
                    new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, byte[]> labels = driver.createOutputTopic(config.topics().labels(),
                    new StringDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<String, byte[]> dlq = driver.createOutputTopic(config.topics().dlq(),
                    new StringDeserializer(), new ByteArrayDeserializer());

            Random random = new Random(12);
            float[][] p = frames(random, 30);
            float[][] q = frames(random, 30);
            p[15][3] = POISON;
            List<byte[]> pChunks = List.of(chunk("p", p, 0, false), chunk("p", p, 1, false), chunk("p", p, 2, true));
            features.pipeInput("p", pChunks.get(0)); // offset 0
            features.pipeInput("q", chunk("q", q, 0, false)); // 1
            features.pipeInput("p", pChunks.get(1)); // 2
            features.pipeInput("q", chunk("q", q, 1, false)); // 3
            assertEquals(0, labels.readRecordsToList().size(), "all four records wait for one forward");
            driver.advanceWallClockTime(config.batching().maxWait()); // the batch (p and q) throws
            features.pipeInput("p", pChunks.get(2));
            features.pipeInput("q", chunk("q", q, 2, true));

            List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
            assertEquals(2, dead.size(), "p's two waiting records, once each");
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(pChunks.get(i), dead.get(i).value());
                assertEquals(config.topics().features(), header(dead.get(i), DeadLetters.HEADER_TOPIC));
                assertEquals(String.valueOf(2 * i), header(dead.get(i), DeadLetters.HEADER_OFFSET));
                assertTrue(header(dead.get(i), DeadLetters.HEADER_ERROR).contains("poisoned frame"));
            }
            Map<String, List<LabelRecord>> out = new java.util.HashMap<>();
            for (TestRecord<String, byte[]> r : labels.readRecordsToList()) {
                out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(LabelJson.decodeLabel(r.value()));
            }
            assertArrayEquals(expected(reference, q), probabilities(out.get("q")), "the other stream is untouched");
            // p: its frames 0..19 are gone; frames 20..29 come after a gap, with no context before them
            assertEquals(List.of(20L, 21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L),
                    out.get("p").stream().map(LabelRecord::frame).toList());
            assertArrayEquals(expected(reference, java.util.Arrays.copyOfRange(p, 20, 30)),
                    probabilities(out.get("p")));
            assertEquals(2, metrics.deadLetterCount());
            assertEquals(1, metrics.gapCount(PipelineMetrics.Stage.FEATURES));
        }
    }

    private static String header(TestRecord<String, byte[]> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static float[][] frames(Random random, int n) {
        float[][] f = new float[n][SPEC.dims()];
        for (float[] row : f) {
            for (int d = 0; d < row.length; d++) {
                row[d] = (float) random.nextGaussian();
            }
        }
        return f;
    }

    private static byte[] chunk(String stream, float[][] frames, int c, boolean end) {
        float[] values = new float[CHUNK * SPEC.dims()];
        for (int i = 0; i < CHUNK; i++) {
            System.arraycopy(frames[c * CHUNK + i], 0, values, i * SPEC.dims(), SPEC.dims());
        }
        return FeatureChunkCodec.encode(new FeatureChunk(stream, (long) c * CHUNK, SPEC, T0 + c * CHUNK * 10L, CHUNK,
                values, end));
    }

    /** The reference labeller fed the frames in one go, then finished: one probability row per frame. */
    private static float[][] expected(WindowMeanLabeller labeller, float[][] frames) {
        StreamLabeller.Session session = labeller.open(0, new float[0][]);
        List<float[]> rows = new ArrayList<>(List.of(labeller.advance(List.of(session), List.<float[][]>of(frames))
                .get(0)));
        rows.addAll(List.of(labeller.finish(session)));
        return rows.toArray(float[][]::new);
    }

    private static float[][] probabilities(List<LabelRecord> labels) {
        return labels.stream().map(LabelRecord::probabilities).toArray(float[][]::new);
    }

    private static List<String> headerValues(TestRecord<String, byte[]> record) {
        List<String> values = new ArrayList<>();
        for (Header h : record.headers()) {
            values.add(h.key() + "=" + (h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)));
        }
        return values;
    }

    /** The reference labeller, except that a frame holding {@link #POISON} makes the model call throw. */
    private static final class PoisonedLabeller extends DelegatingLabeller {

        PoisonedLabeller(WindowMeanLabeller delegate) {
            super(delegate);
        }

        @Override
        public String modelId() {
            return "poisoned";
        }

        @Override
        public List<float[][]> advance(List<Session> sessions, List<float[][]> newFrames) {
            for (float[][] frames : newFrames) {
                for (float[] frame : frames) {
                    for (float v : frame) {
                        if (v == POISON) {
                            throw new IllegalStateException("poisoned frame");
                        }
                    }
                }
            }
            return super.advance(sessions, newFrames);
        }
    }
}

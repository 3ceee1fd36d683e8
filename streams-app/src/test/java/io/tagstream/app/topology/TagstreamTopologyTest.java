package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.config.AppConfigLoader;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.labeller.WindowMeanLabeller;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.TarsosFeatureExtractor;
import io.tagstream.labels.Segment;
import io.tagstream.labels.Segmenter;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;
import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;
import io.tagstream.wire.PcmChunk;
import io.tagstream.wire.PcmChunkCodec;
import io.tagstream.wire.SegmentRecord;

/** The topology's logic with TopologyTestDriver: outputs, store contents, explicit event times. */
class TagstreamTopologyTest {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final List<String> LABELS = List.of("silence", "speech", "music", "noise");
    private static final long T0 = 1_700_000_000_000L;
    private static final int CHUNK = 1_600; // 100 ms

    @TempDir
    Path stateDir;

    private final WindowMeanLabeller labeller = new WindowMeanLabeller(SPEC, LABELS, 6, 2);
    private AppConfig config;
    private PipelineMetrics metrics;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> audio;
    private TestInputTopic<String, byte[]> features;
    private TestOutputTopic<String, byte[]> labels;
    private TestOutputTopic<String, byte[]> segments;
    private TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void start() {
        config = AppConfigLoader.load(null, Map.of(), Map.of("bootstrap.servers", "127.0.0.1:9",
                "state.dir", stateDir.toString(), "segment.min.frames", "5"));
        metrics = new PipelineMetrics(labeller.modelId());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(TagstreamTopology.build(config, labeller, metrics), props);
        audio = driver.createInputTopic(config.topics().audio(), new StringSerializer(), new ByteArraySerializer());
        features = driver.createInputTopic(config.topics().features(), new StringSerializer(), new ByteArraySerializer());
        labels = driver.createOutputTopic(config.topics().labels(), new StringDeserializer(), new ByteArrayDeserializer());
        segments = driver.createOutputTopic(config.topics().segments(), new StringDeserializer(),
                new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(config.topics().dlq(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void audioBecomesOneLabelPerFrameEqualToTheOfflineComputation() {
        short[] pcm = signal(new Random(1), 32_000);
        sendAudio("s1", pcm, CHUNK, true);

        List<LabelRecord> out = labelsOf(labels.readRecordsToList());
        List<LabelRecord> expected = offlineLabels("s1", pcm);
        assertEquals(StreamingFeatureExtractor.frameCount(SPEC, pcm.length), out.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(LabelJson.encode(expected.get(i)), LabelJson.encode(out.get(i)), "frame " + i);
        }
        List<SegmentRecord> segs = segmentsOf(segments.readRecordsToList());
        List<Segment> expectedSegments = new Segmenter(config.segmentPolicy()).segmentAll(probabilities(expected));
        assertEquals(expectedSegments.size(), segs.size());
        for (int i = 0; i < segs.size(); i++) {
            assertEquals(expectedSegments.get(i).startFrame() * 10, segs.get(i).startMs());
            assertEquals(expectedSegments.get(i).endFrame() * 10, segs.get(i).endMs());
            assertEquals(LABELS.get(expectedSegments.get(i).label()), segs.get(i).label());
        }
        assertTrue(dlq.isEmpty(), () -> "dead letters: " + dlq.readRecordsToList().stream()
                .map(r -> header(r, DeadLetters.HEADER_ERROR)).toList());
    }

    @Test
    void theAppsOwnFeatureChunksAreMarkedAndNotLabelledASecondTime() {
        TestOutputTopic<String, byte[]> featuresOut = driver.createOutputTopic(config.topics().features(),
                new StringDeserializer(), new ByteArrayDeserializer());
        short[] pcm = signal(new Random(12), 8_000);
        sendAudio("s9", pcm, CHUNK, true);
        long frames = StreamingFeatureExtractor.frameCount(SPEC, pcm.length);
        assertEquals(frames, labels.readRecordsToList().size(), "labelled once, straight from the extraction");

        List<TestRecord<String, byte[]>> written = featuresOut.readRecordsToList();
        assertEquals(frames, written.stream().mapToLong(r -> FeatureChunkCodec.decode(r.value()).count()).sum());
        for (TestRecord<String, byte[]> r : written) {
            assertEquals("feature-extraction", header(r, TopologyNames.ORIGIN_HEADER));
            features.pipeInput(new TestRecord<>(r.key(), r.value(), r.headers(), r.timestamp()));
        }
        assertTrue(labels.isEmpty(), "the copies coming back from the features topic are skipped");
        assertEquals(0, metrics.duplicateCount());
    }

    @Test
    void theChunkingOfTheAudioDoesNotChangeTheLabels() {
        short[] pcm = signal(new Random(2), 20_000);
        Random random = new Random(3);
        int sent = 0;
        while (sent < pcm.length) {
            int n = Math.min(pcm.length - sent, 1 + random.nextInt(3_000));
            audio.pipeInput("s2", PcmChunkCodec.encode(new PcmChunk("s2", sent, SPEC.sampleRate(),
                    T0 + sent / 16, java.util.Arrays.copyOfRange(pcm, sent, sent + n), false)), T0 + sent / 16);
            sent += n;
        }
        audio.pipeInput("s2", PcmChunkCodec.encode(new PcmChunk("s2", sent, SPEC.sampleRate(), T0, new short[0], true)));
        List<LabelRecord> out = labelsOf(labels.readRecordsToList());
        List<LabelRecord> expected = offlineLabels("s2", pcm);
        assertEquals(expected.size(), out.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), out.get(i), "frame " + i);
        }
    }

    @Test
    void aLongAudioChunkBecomesFeatureRecordsOfBoundedSizeAndTheSameLabels() {
        TestOutputTopic<String, byte[]> featuresOut = driver.createOutputTopic(config.topics().features(),
                new StringDeserializer(), new ByteArrayDeserializer());
        short[] pcm = signal(new Random(13), 64_000); // 4 s in one record: 400 frames
        sendAudio("s10", pcm, pcm.length, true);
        List<FeatureChunk> written = featuresOut.readRecordsToList().stream()
                .map(r -> FeatureChunkCodec.decode(r.value())).toList();
        long frames = StreamingFeatureExtractor.frameCount(SPEC, pcm.length);
        assertTrue(written.size() > 1, "split into several records: " + written.size());
        long next = 0;
        for (FeatureChunk chunk : written) {
            assertTrue(chunk.count() <= FeatureExtractionProcessor.MAX_FRAMES_PER_RECORD, "bounded: " + chunk.count());
            assertEquals(next, chunk.firstFrame(), "contiguous");
            assertEquals(chunk == written.get(written.size() - 1), chunk.endOfStream(), "end marker on the last");
            next += chunk.count();
        }
        assertEquals(frames, next);
        List<LabelRecord> out = labelsOf(labels.readRecordsToList());
        List<LabelRecord> expected = offlineLabels("s10", pcm);
        assertEquals(expected.size(), out.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), out.get(i), "frame " + i);
        }
    }

    @Test
    void duplicatesAreDroppedAndCounted() {
        short[] pcm = signal(new Random(4), 8_000);
        sendAudio("s3", java.util.Arrays.copyOf(pcm, 4_800), CHUNK, false);
        // the second chunk again (a producer retry / replay), then the rest
        audio.pipeInput("s3", PcmChunkCodec.encode(new PcmChunk("s3", CHUNK, SPEC.sampleRate(), T0 + 100,
                java.util.Arrays.copyOfRange(pcm, CHUNK, 2 * CHUNK), false)));
        for (int s = 4_800; s < 8_000; s += CHUNK) {
            audio.pipeInput("s3", PcmChunkCodec.encode(new PcmChunk("s3", s, SPEC.sampleRate(), T0 + s / 16,
                    java.util.Arrays.copyOfRange(pcm, s, s + CHUNK), s + CHUNK >= 8_000)));
        }
        List<LabelRecord> out = labelsOf(labels.readRecordsToList());
        assertEquals(offlineLabels("s3", pcm), out);
        assertEquals(1, metrics.duplicateCount());
    }

    @Test
    void aGapIsCountedAndLeavesAHoleInTheFrameNumbers() {
        short[] pcm = signal(new Random(5), 12 * CHUNK);
        for (int c = 0; c < 12; c++) {
            if (c == 5) {
                continue; // lost upstream
            }
            audio.pipeInput("s4", PcmChunkCodec.encode(new PcmChunk("s4", (long) c * CHUNK, SPEC.sampleRate(),
                    T0 + c * 100L, java.util.Arrays.copyOfRange(pcm, c * CHUNK, (c + 1) * CHUNK), c == 11)));
        }
        List<LabelRecord> out = labelsOf(labels.readRecordsToList());
        assertEquals(1, metrics.gapCount(PipelineMetrics.Stage.AUDIO));
        assertEquals(1, metrics.gapCount(PipelineMetrics.Stage.FEATURES), "the audio gap becomes a frame gap");
        List<Long> frames = out.stream().map(LabelRecord::frame).toList();
        for (int i = 1; i < frames.size(); i++) {
            assertTrue(frames.get(i) > frames.get(i - 1), "frames in order");
        }
        long firstAfterGap = (6L * CHUNK + SPEC.hopSamples() - 1) / SPEC.hopSamples();
        assertTrue(frames.contains(firstAfterGap), "labelling resumes at the first frame after the gap");
        assertTrue(frames.stream().noneMatch(f -> f > (5L * CHUNK - SPEC.windowSamples()) / SPEC.hopSamples()
                && f < firstAfterGap), "no labels for frames inside the gap");
        for (SegmentRecord s : segmentsOf(segments.readRecordsToList())) {
            assertTrue(s.endMs() <= 5 * 100 || s.startMs() >= firstAfterGap * 10, "a segment spans the gap: " + s);
        }
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicAndOtherStreamsKeepGoing() {
        short[] pcm = signal(new Random(6), 6_400);
        audio.pipeInput("good", PcmChunkCodec.encode(new PcmChunk("good", 0, SPEC.sampleRate(), T0,
                java.util.Arrays.copyOf(pcm, 3_200), false)));
        audio.pipeInput("bad", "not a pcm chunk".getBytes(StandardCharsets.UTF_8));
        audio.pipeInput("bad", PcmChunkCodec.encode(new PcmChunk("bad", 0, 8_000, T0, new short[800], false)));
        FeatureSpec other = new FeatureSpec(16_000, 400, 160, 40, 13, FeatureKind.MFCC, 0, 4_000);
        features.pipeInput("bad", FeatureChunkCodec.encode(new FeatureChunk("bad", 0, other, T0, 1, new float[13], false)));
        audio.pipeInput("good", PcmChunkCodec.encode(new PcmChunk("good", 3_200, SPEC.sampleRate(), T0 + 200,
                java.util.Arrays.copyOfRange(pcm, 3_200, 6_400), true)));

        List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertEquals(3, dead.size());
        assertTrue(header(dead.get(0), DeadLetters.HEADER_ERROR).startsWith("undecodable audio chunk"));
        assertEquals(config.topics().audio(), header(dead.get(0), DeadLetters.HEADER_TOPIC));
        assertEquals("1", header(dead.get(0), DeadLetters.HEADER_OFFSET));
        assertArrayEquals("not a pcm chunk".getBytes(StandardCharsets.UTF_8), dead.get(0).value());
        assertTrue(header(dead.get(1), DeadLetters.HEADER_ERROR).startsWith("sample rate 8000 Hz"));
        assertTrue(header(dead.get(2), DeadLetters.HEADER_ERROR).startsWith("feature spec"));
        assertEquals(config.topics().features(), header(dead.get(2), DeadLetters.HEADER_TOPIC));
        assertEquals(3, metrics.deadLetterCount());
        assertEquals(offlineLabels("good", pcm), labelsOf(labels.readRecordsToList()));
    }

    @Test
    void theStoresHoldExactlyTheContextAndForgetAFinishedStream() {
        short[] pcm = signal(new Random(7), 16_000);
        sendAudio("s5", pcm, CHUNK, false);
        long frames = StreamingFeatureExtractor.frameCount(SPEC, pcm.length);
        assertTrue(frames < config.batching().maxFrames(), "the test's frames fit one batch");

        // before the batch's forward: every frame is stored and counted as waiting, none labelled
        KeyValueStore<String, LabelStreamState> states = driver.getKeyValueStore(TopologyNames.LABEL_STATE_STORE);
        LabelStreamState state = states.get("s5");
        assertEquals(frames, state.nextFrame());
        assertEquals(0, state.fedFrames());
        assertEquals(frames, state.waitingFrames());
        assertEquals(frameRange(0, frames), storedFrames("s5"), "the waiting frames are stored");
        assertEquals(0, labels.readRecordsToList().size(), "nothing labelled before the forward");

        // the batching punctuation feeds them: the store keeps the chunks that hold the context, the lookahead
        // frames wait
        driver.advanceWallClockTime(config.batching().maxWait());
        List<ContextChunk> kept = storedChunks("s5");
        long first = kept.get(0).firstIndex();
        assertEquals(frameRange(first, frames), storedFrames("s5"), "the context store holds the last frames");
        assertTrue(first <= frames - labeller.contextFrames()
                        && first + kept.get(0).count() > frames - labeller.contextFrames(),
                "the first chunk kept holds the oldest context frame: " + first + " + " + kept.get(0).count());
        state = states.get("s5");
        assertEquals(frames, state.nextFrame());
        assertEquals(frames, state.fedFrames());
        assertEquals(0, state.waitingFrames());
        assertEquals(frames - labeller.lookaheadFrames(), labels.readRecordsToList().size());
        WindowStore<String, ContextChunk> context = driver.getWindowStore(TopologyNames.CONTEXT_STORE);

        audio.pipeInput("s5", PcmChunkCodec.encode(new PcmChunk("s5", pcm.length, SPEC.sampleRate(), T0 + 1000,
                new short[0], true)));
        assertEquals(labeller.lookaheadFrames(), labels.readRecordsToList().size(), "end of stream flushes lookahead");
        assertEquals(null, states.get("s5"));
        try (WindowStoreIterator<ContextChunk> it = context.fetch("s5", 0L, Long.MAX_VALUE)) {
            assertTrue(!it.hasNext(), "context deleted at end of stream");
        }
    }

    @Test
    void idleStreamsAreClosedByTheWallClockPunctuator() {
        short[] pcm = signal(new Random(8), 8_000);
        sendAudio("s6", pcm, CHUNK, false);
        long frames = StreamingFeatureExtractor.frameCount(SPEC, pcm.length);
        driver.advanceWallClockTime(config.batching().maxWait());
        assertEquals(frames - labeller.lookaheadFrames(), labels.readRecordsToList().size());
        segments.readRecordsToList();
        driver.advanceWallClockTime(config.idleTimeout().plus(Duration.ofSeconds(1)));
        assertEquals(labeller.lookaheadFrames(), labels.readRecordsToList().size());
        assertTrue(!segmentsOf(segments.readRecordsToList()).isEmpty(), "the open segment is closed");
    }

    // ---- helpers

    /** The chunks the context store holds for a stream, oldest first, checking each one's event-time key. */
    private List<ContextChunk> storedChunks(String stream) {
        WindowStore<String, ContextChunk> context = driver.getWindowStore(TopologyNames.CONTEXT_STORE);
        List<ContextChunk> stored = new ArrayList<>();
        try (WindowStoreIterator<ContextChunk> it = context.fetch(stream, 0L, Long.MAX_VALUE)) {
            while (it.hasNext()) {
                KeyValue<Long, ContextChunk> entry = it.next();
                stored.add(entry.value);
                assertEquals(T0 + entry.value.firstIndex() * 10, entry.key, "event-time key of the first frame");
            }
        }
        return stored;
    }

    /** The frame indices the context store holds for a stream, in store order. */
    private List<Long> storedFrames(String stream) {
        List<Long> stored = new ArrayList<>();
        for (ContextChunk chunk : storedChunks(stream)) {
            for (int i = 0; i < chunk.count(); i++) {
                stored.add(chunk.frame(i).index());
            }
        }
        return stored;
    }

    private static List<Long> frameRange(long from, long to) {
        List<Long> range = new ArrayList<>();
        for (long f = from; f < to; f++) {
            range.add(f);
        }
        return range;
    }

    private void sendAudio(String stream, short[] pcm, int chunk, boolean endOfStream) {
        for (int s = 0; s < pcm.length; s += chunk) {
            int end = Math.min(pcm.length, s + chunk);
            audio.pipeInput(stream, PcmChunkCodec.encode(new PcmChunk(stream, s, SPEC.sampleRate(), T0 + s / 16,
                    java.util.Arrays.copyOfRange(pcm, s, end), false)), T0 + s / 16);
        }
        if (endOfStream) {
            audio.pipeInput(stream, PcmChunkCodec.encode(new PcmChunk(stream, pcm.length, SPEC.sampleRate(),
                    T0 + pcm.length / 16, new short[0], true)));
        }
    }

    /** The labels a whole recording should get: features of the whole file, the labeller fed all at once. */
    private List<LabelRecord> offlineLabels(String stream, short[] pcm) {
        float[][] frames = StreamingFeatureExtractor.extractAll(new TarsosFeatureExtractor(SPEC), Pcm16.toFloat(pcm));
        StreamLabeller.Session session = labeller.open(0, new float[0][]);
        List<float[]> p = new ArrayList<>(List.of(labeller.advance(List.of(session), List.<float[][]>of(frames)).get(0)));
        p.addAll(List.of(labeller.finish(session)));
        List<LabelRecord> out = new ArrayList<>();
        for (int t = 0; t < p.size(); t++) {
            int best = 0;
            for (int k = 1; k < LABELS.size(); k++) {
                best = p.get(t)[k] > p.get(t)[best] ? k : best;
            }
            out.add(new LabelRecord(stream, t, t * 10L, t * 10L + 10, LABELS.get(best), LABELS, p.get(t),
                    labeller.modelId()));
        }
        return out;
    }

    private static float[][] probabilities(List<LabelRecord> labels) {
        return labels.stream().map(LabelRecord::probabilities).toArray(float[][]::new);
    }

    private static List<LabelRecord> labelsOf(List<TestRecord<String, byte[]>> records) {
        return records.stream().map(r -> LabelJson.decodeLabel(r.value())).toList();
    }

    private static List<SegmentRecord> segmentsOf(List<TestRecord<String, byte[]>> records) {
        return records.stream().map(r -> LabelJson.decodeSegment(r.value())).toList();
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** A seeded test signal: a few tones and noise bursts. */
    private static short[] signal(Random random, int samples) {
        float[] x = new float[samples];
        double f = 200 + random.nextInt(2_000);
        for (int i = 0; i < samples; i++) {
            if (i % 3_000 == 0) {
                f = 200 + random.nextInt(2_000);
            }
            boolean noisy = (i / 4_000) % 2 == 1;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * f * i / 16_000.0)
                    + (noisy ? 0.2 * random.nextGaussian() : 0.001 * random.nextGaussian()));
        }
        return Pcm16.quantize(x);
    }

}

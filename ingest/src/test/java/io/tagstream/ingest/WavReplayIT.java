package io.tagstream.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.features.DecodedAudio;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.TarsosFeatureExtractor;
import io.tagstream.features.WavDecoder;
import io.tagstream.broker.EmbeddedKafkaBroker;
import io.tagstream.kafka.TopicsConfig;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;
import io.tagstream.wire.PcmChunk;
import io.tagstream.wire.PcmChunkCodec;

/**
 * A 3.2 s, 44.1 kHz stereo WAV replayed at max speed through {@link WavFileReplayer#replayInto} (the code path of
 * {@code tagstream ingest --file}) into a real embedded broker, and read back: every sample or frame exactly once, in
 * order, with contiguous sequence numbers, exact event times, and an end-of-stream marker; twice gives the same bytes.
 */
class WavReplayIT {

    private static final int WAV_RATE = 44_100;
    private static final int WAV_FRAMES = 141_120; // 3.2 s
    private static final long START = 1_750_000_000_000L;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static Path wav;
    private static EmbeddedKafkaBroker broker;
    /** The reference: the file decoded to 16 kHz mono and quantised to 16 bits, as the wire carries it. */
    private static short[] expectedPcm;

    @BeforeAll
    static void writeRecordingAndStartBroker() throws Exception {
        wav = dir.resolve("tones.wav");
        TestSignals.writePcm16Wav(wav, TestSignals.tones(42, 2, WAV_FRAMES, WAV_RATE), WAV_RATE);
        DecodedAudio decoded = WavDecoder.decode(wav, 16_000);
        assertEquals(51_200, decoded.samples().length, "ceil(141120 * 16000 / 44100) samples after resampling");
        expectedPcm = Pcm16.quantize(decoded.samples());
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void audioModeDeliversEverySampleOnceInOrderThenAnEndMarker() throws Exception {
        TopicsConfig topics = TopicsConfig.DEFAULT.withAudio("it.audio");
        IngestSummary summary = replay("radio-1", SendMode.AUDIO, topics);
        List<ConsumerRecord<byte[], byte[]>> records = read(topics.audio(), "radio-1", true, 1);

        assertEquals(33, records.size(), "32 chunks of 100 ms + the end-of-stream marker");
        short[] received = new short[expectedPcm.length];
        long next = 0;
        for (int i = 0; i < records.size(); i++) {
            PcmChunk chunk = PcmChunkCodec.decode(records.get(i).value());
            assertEquals("radio-1", chunk.streamId());
            assertEquals(next, chunk.firstSample(), "contiguous sequence numbers");
            assertEquals(START + chunk.firstSample() / 16, chunk.startTimeMs());
            assertEquals(chunk.startTimeMs(), records.get(i).timestamp(), "record timestamp = event time");
            assertEquals(i == records.size() - 1, chunk.endOfStream());
            System.arraycopy(chunk.samples(), 0, received, (int) chunk.firstSample(), chunk.sampleCount());
            next = chunk.endSample();
        }
        assertEquals(expectedPcm.length, next, "total samples == decoded length");
        assertArrayEquals(expectedPcm, received);
        assertEquals(32, summary.chunks());
        assertEquals(expectedPcm.length, summary.samples());
    }

    @Test
    void featuresModeDeliversTheFramingFormulasFramesInOrderThenAnEndMarker() throws Exception {
        TopicsConfig topics = TopicsConfig.DEFAULT.withFeatures("it.features");
        IngestSummary summary = replay("radio-2", SendMode.FEATURES, topics);
        List<ConsumerRecord<byte[], byte[]>> records = read(topics.features(), "radio-2", false, 1);

        FeatureSpec spec = FeatureSpec.DEFAULT;
        float[][] expected = StreamingFeatureExtractor.extractAll(new TarsosFeatureExtractor(spec),
                Pcm16.toFloat(expectedPcm)); // [frames][dims]
        int frameCount = (expectedPcm.length - spec.windowSamples()) / spec.hopSamples() + 1;
        assertEquals(318, frameCount, "(51200 - 400) / 160 + 1");
        assertEquals(33, records.size(), "each 100 ms chunk completes at least one frame, + the marker");
        long next = 0;
        for (int i = 0; i < records.size(); i++) {
            FeatureChunk chunk = FeatureChunkCodec.decode(records.get(i).value());
            assertEquals(spec, chunk.spec());
            assertEquals(next, chunk.firstFrame(), "contiguous sequence numbers");
            assertEquals(START + chunk.firstFrame() * 10, chunk.startTimeMs(), "frame k starts at k * 10 ms");
            assertEquals(chunk.startTimeMs(), records.get(i).timestamp());
            assertEquals(i == records.size() - 1, chunk.endOfStream());
            for (int f = 0; f < chunk.count(); f++) {
                assertArrayEquals(expected[(int) chunk.firstFrame() + f], chunk.frame(f));
            }
            next = chunk.endFrame();
        }
        assertEquals(frameCount, next, "total frames == framing formula");
        assertEquals(frameCount, summary.frames());
    }

    @Test
    void replayingTwiceWithTheSameStartGivesIdenticalRecords() throws Exception {
        TopicsConfig topics = TopicsConfig.DEFAULT.withAudio("it.twice.audio").withFeatures("it.twice.features");
        for (SendMode mode : SendMode.values()) {
            replay("again", mode, topics);
            replay("again", mode, topics);
            List<ConsumerRecord<byte[], byte[]>> records = read(mode.topic(topics), "again", mode == SendMode.AUDIO, 2);
            assertEquals(66, records.size(), mode + ": two runs of 33 records");
            for (int i = 0; i < 33; i++) {
                ConsumerRecord<byte[], byte[]> first = records.get(i);
                ConsumerRecord<byte[], byte[]> second = records.get(33 + i);
                assertArrayEquals(first.value(), second.value(), mode + " record " + i);
                assertEquals(first.timestamp(), second.timestamp(), mode + " record " + i);
            }
        }
    }

    private static IngestSummary replay(String stream, SendMode mode, TopicsConfig topics) throws Exception {
        IngestConfig config = new IngestConfig(stream, mode, 100, FeatureSpec.DEFAULT); // the counts below: 100 ms
        IngestSummary summary = new WavFileReplayer(config, ReplaySpeed.MAX, START)
                .replayInto(wav, broker.bootstrapServers(), topics, seconds -> ProgressBar.silent());
        assertEquals(3.2, summary.audioSeconds(), 1e-9);
        assertTrue(summary.where().contains(broker.bootstrapServers()), summary.where());
        return summary;
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, String stream, boolean audio, int ends) {
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readStream(broker.bootstrapServers(), topic, stream,
                value -> audio ? PcmChunkCodec.decode(value).endOfStream() : FeatureChunkCodec.decode(value).endOfStream(),
                ends, DEADLINE);
        assertFalse(records.isEmpty(), "records on " + topic);
        return records;
    }
}

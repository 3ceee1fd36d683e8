package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.WavWriter;
import io.tagstream.ingest.MicrophoneCapture;
import io.tagstream.broker.EmbeddedKafkaBroker;
import io.tagstream.model.DefaultModel;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;
import io.tagstream.wire.PcmChunk;
import io.tagstream.wire.PcmChunkCodec;

/** {@code tagstream ingest} as a user runs it: flag and file errors are one line, a replay lands in Kafka. */
class IngestCommandTest {

    /** Nothing listens on the discard port: reaching Kafka there would fail slowly and differently. */
    private static final String NOBODY = "127.0.0.1:9";

    @TempDir
    Path dir;

    @Test
    void flagErrorsAreOneLineUsageErrors() throws Exception {
        Path wav = writeWav("ok.wav", 1_600);
        assertUsageError("--bootstrap must be host:port[,host:port...] with ports 1..65535, got 'nope'",
                "--bootstrap", "nope", "--stream", "s", "--file", wav.toString());
        assertUsageError("speed must be a number (x real time) or 'max'",
                "--bootstrap", NOBODY, "--stream", "s", "--file", wav.toString(), "--speed", "fast");
        assertUsageError("expected audio or features, got 'video'",
                "--bootstrap", NOBODY, "--stream", "s", "--file", wav.toString(), "--send", "video");
        assertUsageError("chunk length must be 1..10000 ms, got 0",
                "--bootstrap", NOBODY, "--stream", "s", "--file", wav.toString(), "--chunk-ms", "0");
        assertUsageError("illegal topic name 'a b'",
                "--bootstrap", NOBODY, "--stream", "s", "--file", wav.toString(), "--topic-audio", "a b");
        assertUsageError("mutually exclusive",
                "--bootstrap", NOBODY, "--stream", "s", "--file", wav.toString(), "--mic");
        assertUsageError("Missing required argument",
                "--bootstrap", NOBODY, "--stream", "s");
        assertUsageError("--seconds must be > 0",
                "--bootstrap", NOBODY, "--stream", "s", "--mic", "--seconds", "-1");
    }

    @Test
    void aBadFileIsReportedBeforeKafkaIsContacted() throws Exception {
        Path notWav = dir.resolve("notes.wav");
        Files.writeString(notWav, "this is not audio");
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run("ingest", "--bootstrap", NOBODY, "--stream", "s",
                "--file", notWav.toString());
        assertEquals(TagstreamCommand.EXIT_BAD_INPUT, run.exitCode);
        assertOneLine(run.err, "tagstream ingest: notes.wav: ");

        run = new TagstreamCommandTest.Run("ingest", "--bootstrap", NOBODY, "--stream", "s",
                "--file", dir.resolve("missing.wav").toString());
        assertEquals(TagstreamCommand.EXIT_BAD_INPUT, run.exitCode);
        assertEquals("tagstream ingest: missing.wav: no such file", run.err.strip());
    }

    /** This build machine has no capture device; where one exists this branch cannot be exercised. */
    @Test
    void theMicrophoneWithoutACaptureDeviceIsAOneLineError() {
        assumeFalse(MicrophoneCapture.isAvailable(16_000), "this machine has a microphone");
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run("ingest", "--bootstrap", NOBODY, "--stream", "s",
                "--mic", "--seconds", "1");
        assertEquals(TagstreamCommand.EXIT_BAD_INPUT, run.exitCode);
        assertEquals("tagstream ingest: no microphone: no audio capture device supports 16000 Hz 16-bit mono",
                run.err.strip());
    }

    @Test
    void replaysAFileIntoKafkaInBothModes() throws Exception {
        Path wav = writeWav("speech.wav", 8_000); // 0.5 s at 16 kHz
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TagstreamCommandTest.Run audio = new TagstreamCommandTest.Run("ingest", "--bootstrap",
                    broker.bootstrapServers(), "--stream", "cli-1", "--file", wav.toString(), "--speed", "max",
                    "--start-time-ms", "5000", "--topic-audio", "cli.audio", "--chunk-ms", "100");
            assertEquals(0, audio.exitCode, audio.err);
            assertTrue(audio.out.startsWith("sent 5 audio chunks (8000 samples) + end-of-stream to topic cli.audio at "
                    + broker.bootstrapServers() + ": 0.50 s of audio in "), audio.out);
            List<PcmChunk> chunks = read(broker, "cli.audio", "cli-1", 6).stream()
                    .map(r -> PcmChunkCodec.decode(r.value())).toList();
            assertEquals(List.of(0L, 1_600L, 3_200L, 4_800L, 6_400L, 8_000L),
                    chunks.stream().map(PcmChunk::firstSample).toList());
            assertEquals(5_000L, chunks.get(0).startTimeMs());
            assertTrue(chunks.get(5).endOfStream());

            TagstreamCommandTest.Run features = new TagstreamCommandTest.Run("ingest", "--bootstrap",
                    broker.bootstrapServers(), "--stream", "cli-2", "--file", wav.toString(), "--speed", "max",
                    "--send", "features", "--chunk-ms", "250", "--topic-features", "cli.features");
            assertEquals(0, features.exitCode, features.err);
            assertTrue(features.out.startsWith("sent 2 feature chunks (48 frames) + end-of-stream"), features.out);
            List<FeatureChunk> frames = read(broker, "cli.features", "cli-2", 3).stream()
                    .map(r -> FeatureChunkCodec.decode(r.value())).toList();
            assertEquals(List.of(0L, 23L, 48L), frames.stream().map(FeatureChunk::firstFrame).toList(),
                    "250 ms = 4000 samples complete (4000-400)/160+1 = 23 frames, then 25 more; (8000-400)/160+1 = 48");
            assertTrue(frames.get(2).endOfStream());
            assertEquals(DefaultModel.read().featureSpec(), frames.get(0).spec(), "the bundled model's spec");

            FeatureSpec telephone = new FeatureSpec(16_000, 400, 160, 40, 0, FeatureKind.LOG_MEL, 0, 4_000);
            assertNotEquals(DefaultModel.read().featureSpec(), telephone, "a model of another spec than the bundled");
            Path model = RandomModelFile.write(dir.resolve("telephone.zip"), 3, telephone);
            TagstreamCommandTest.Run forModel = new TagstreamCommandTest.Run("ingest", "--bootstrap",
                    broker.bootstrapServers(), "--stream", "cli-3", "--file", wav.toString(), "--speed", "max",
                    "--send", "features", "--model", model.toString(), "--chunk-ms", "250",
                    "--topic-features", "cli.features.other");
            assertEquals(0, forModel.exitCode, forModel.err);
            List<FeatureChunk> other = read(broker, "cli.features.other", "cli-3", 3).stream()
                    .map(r -> FeatureChunkCodec.decode(r.value())).toList();
            assertEquals(telephone, other.get(0).spec(), "the features of the model the app runs");
            assertEquals(40, other.get(0).values().length / other.get(0).count());
        }
    }

    private Path writeWav(String name, int samples) throws Exception {
        Random random = new Random(7);
        float[] pcm = new float[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (float) (0.4 * Math.sin(i * 0.05) + 0.1 * random.nextGaussian());
        }
        Path wav = dir.resolve(name);
        WavWriter.write(wav, pcm, 16_000);
        return wav;
    }

    private static void assertUsageError(String expectedPart, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "ingest";
        System.arraycopy(args, 0, full, 1, args.length);
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run(full);
        assertEquals(2, run.exitCode, Arrays.toString(args) + ": " + run.err);
        assertOneLine(run.err, "tagstream ingest: ");
        assertTrue(run.err.contains(expectedPart), run.err);
    }

    private static void assertOneLine(String err, String prefix) {
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith(prefix), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafkaBroker broker, String topic, String stream,
                                                           int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertEquals(expected, records.size(), "records on " + topic);
        records.forEach(r -> assertEquals(stream, new String(r.key(), StandardCharsets.UTF_8)));
        return records;
    }
}

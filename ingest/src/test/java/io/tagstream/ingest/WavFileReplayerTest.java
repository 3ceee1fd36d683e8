package io.tagstream.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.DecodedAudio;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingWavDecoder;
import io.tagstream.features.WavDecoder;
import io.tagstream.kafka.TopicsConfig;
import io.tagstream.wire.PcmChunk;
import io.tagstream.wire.PcmChunkCodec;

/** The replay loop with an in-memory sink: chunking, the summary, pacing, and file errors before any Kafka. */
class WavFileReplayerTest {

    private static final long START = 1_000L;

    @Test
    void cutsIntoChunkMillisAndSummarises() throws Exception {
        float[] samples = new float[16_000 + 123]; // 1.0077 s at 16 kHz
        IngestConfig config = new IngestConfig("s", SendMode.AUDIO, 250, io.tagstream.features.FeatureSpec.DEFAULT);
        CollectingSink sink = new CollectingSink();
        IngestSummary summary = new WavFileReplayer(config, ReplaySpeed.MAX, START)
                .replay(new DecodedAudio(samples, 16_000), sink, ProgressBar.silent());

        List<Integer> sizes = sink.sent.stream().map(e -> PcmChunkCodec.decode(e.value()).sampleCount()).toList();
        assertEquals(List.of(4_000, 4_000, 4_000, 4_000, 123, 0), sizes);
        PcmChunk last = PcmChunkCodec.decode(sink.sent.get(5).value());
        assertTrue(last.endOfStream());
        assertEquals(1, sink.flushes);
        assertEquals(5, summary.chunks());
        assertEquals(16_123, summary.samples());
        assertEquals(0, summary.frames());
        assertEquals(16_123 / 16_000.0, summary.audioSeconds(), 1e-12);
    }

    @Test
    void pacedReplayIsNeverFasterThanItsSpeed() throws Exception {
        float[] samples = new float[8_000]; // 0.5 s
        CollectingSink sink = new CollectingSink();
        IngestSummary summary = new WavFileReplayer(IngestConfig.of("s", SendMode.AUDIO), new ReplaySpeed(5), START)
                .replay(new DecodedAudio(samples, 16_000), sink, ProgressBar.silent());
        assertTrue(summary.wallSeconds() >= 0.5 / 5, "the last chunk is due 0.1 s after the start: "
                + summary.wallSeconds());
    }

    @Test
    void audioAtAnotherRateIsRefused() {
        WavFileReplayer replayer = new WavFileReplayer(IngestConfig.of("s", SendMode.AUDIO), ReplaySpeed.MAX, START);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> replayer.replay(new DecodedAudio(new float[10], 8_000), new CollectingSink(), ProgressBar.silent()));
        assertEquals("audio is at 8000 Hz, the pipeline runs at 16000 Hz", e.getMessage());
    }

    @Test
    void aBadFileFailsBeforeKafkaIsContacted(@TempDir Path dir) throws Exception {
        Path notWav = dir.resolve("notes.wav");
        Files.writeString(notWav, "this is not audio");
        WavFileReplayer replayer = new WavFileReplayer(IngestConfig.of("s", SendMode.AUDIO), ReplaySpeed.MAX, START);
        // port 9 (discard) on loopback: nothing listens, so reaching Kafka would fail differently (and slowly)
        AudioFileException e = assertThrows(AudioFileException.class, () -> replayer.replayInto(notWav,
                "127.0.0.1:9", TopicsConfig.DEFAULT, seconds -> ProgressBar.silent()));
        assertTrue(e.getMessage().startsWith("notes.wav: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aFileReplayedABlockAtATimeSendsTheRecordsOfItsWholeDecode(@TempDir Path dir) throws Exception {
        Random random = new Random(15);
        float[] stereo = new float[2 * 3 * 44_100 + 2 * 777]; // 3.02 s of 44.1 kHz stereo noise: several blocks
        for (int i = 0; i < stereo.length; i++) {
            stereo[i] = (float) (0.3 * random.nextGaussian());
        }
        Path wav = dir.resolve("stereo.wav");
        Files.write(wav, stereoWav(stereo, 44_100));
        for (SendMode mode : SendMode.values()) {
            IngestConfig config = new IngestConfig("s", mode, 50, FeatureSpec.DEFAULT);
            WavFileReplayer replayer = new WavFileReplayer(config, ReplaySpeed.MAX, START);
            CollectingSink whole = new CollectingSink();
            IngestSummary wholeSummary = replayer.replay(WavDecoder.decode(wav, 16_000), whole, ProgressBar.silent());
            CollectingSink streamed = new CollectingSink();
            IngestSummary streamedSummary;
            try (StreamingWavDecoder audio = StreamingWavDecoder.open(wav, 16_000)) {
                streamedSummary = replayer.replay(audio, streamed, ProgressBar.silent());
            }
            assertEquals(whole.sent.size(), streamed.sent.size(), mode + " records");
            for (int i = 0; i < whole.sent.size(); i++) {
                assertArrayEquals(whole.sent.get(i).value(), streamed.sent.get(i).value(), mode + " record " + i);
                assertEquals(whole.sent.get(i).eventTimeMs(), streamed.sent.get(i).eventTimeMs());
            }
            assertEquals(wholeSummary.samples(), streamedSummary.samples());
            assertEquals(wholeSummary.audioSeconds(), streamedSummary.audioSeconds(), 0.0);
        }
    }

    /** A 16-bit stereo WAV of interleaved samples. */
    private static byte[] stereoWav(float[] interleaved, int rate) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * interleaved.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * interleaved.length)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 2).putInt(rate).putInt(4 * rate).putShort((short) 4).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * interleaved.length);
        for (short s : Pcm16.quantize(interleaved)) {
            b.putShort(s);
        }
        return b.array();
    }

    @Test
    void aNegativeStartTimeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new WavFileReplayer(IngestConfig.of("s", SendMode.AUDIO), ReplaySpeed.MAX, -1));
    }
}

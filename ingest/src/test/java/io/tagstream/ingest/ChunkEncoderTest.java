package io.tagstream.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.tagstream.features.FeatureSpec;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.TarsosFeatureExtractor;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;
import io.tagstream.wire.PcmChunk;
import io.tagstream.wire.PcmChunkCodec;

/** Both encoders over random chunkings: contiguous sequence numbers, exact event times, the reference content. */
class ChunkEncoderTest {

    private static final long START = 1_700_000_000_000L;
    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;

    @Test
    void audioChunksCarryEverySampleOnceWithContiguousFirstSamples() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            short[] pcm = randomPcm(random, random.nextInt(20_000));
            ChunkEncoder encoder = ChunkEncoder.forConfig(IngestConfig.of("mic-1", SendMode.AUDIO), START);
            List<PcmChunk> chunks = new ArrayList<>();
            for (short[] piece : randomPieces(random, pcm)) {
                encoder.accept(piece).ifPresent(e -> chunks.add(decodeAudio(e, false)));
            }
            PcmChunk end = decodeAudio(encoder.endOfStream(), true);

            long next = 0;
            short[] joined = new short[0];
            for (PcmChunk chunk : chunks) {
                assertEquals(next, chunk.firstSample());
                assertEquals(START + chunk.firstSample() / 16, chunk.startTimeMs(), "16 samples per ms at 16 kHz");
                assertTrue(chunk.sampleCount() > 0, "no empty data chunks");
                joined = concat(joined, chunk.samples());
                next = chunk.endSample();
            }
            assertArrayEquals(pcm, joined);
            assertEquals(pcm.length, end.firstSample());
            assertEquals(0, end.sampleCount());
            assertEquals(START + pcm.length / 16, end.startTimeMs());
        }
    }

    @Test
    void featureChunksEqualWholeStreamExtractionWithContiguousFirstFrames() {
        Random random = new Random(12);
        TarsosFeatureExtractor reference = new TarsosFeatureExtractor(SPEC);
        for (int trial = 0; trial < 6; trial++) {
            short[] pcm = randomPcm(random, random.nextInt(8_000));
            float[][] expected = StreamingFeatureExtractor.extractAll(reference, Pcm16.toFloat(pcm)); // [frames][dims]
            ChunkEncoder encoder = ChunkEncoder.forConfig(IngestConfig.of("mic-2", SendMode.FEATURES), START);
            List<FeatureChunk> chunks = new ArrayList<>();
            for (short[] piece : randomPieces(random, pcm)) {
                encoder.accept(piece).ifPresent(e -> chunks.add(decodeFeatures(e, false)));
            }
            FeatureChunk end = decodeFeatures(encoder.endOfStream(), true);

            int frame = 0;
            for (FeatureChunk chunk : chunks) {
                assertEquals(frame, chunk.firstFrame());
                assertEquals(START + chunk.firstFrame() * 10, chunk.startTimeMs(), "10 ms hop");
                assertTrue(chunk.count() > 0, "no empty data chunks");
                for (int i = 0; i < chunk.count(); i++) {
                    assertArrayEquals(expected[frame++], chunk.frame(i), "frame " + (frame - 1));
                }
            }
            long formula = pcm.length < 400 ? 0 : (pcm.length - 400) / 160 + 1;
            assertEquals(formula, frame);
            assertEquals(expected.length, frame);
            assertEquals(formula, end.firstFrame());
            assertEquals(0, end.count());
        }
    }

    @Test
    void aChunkShorterThanTheFirstWindowSendsNothingYet() {
        ChunkEncoder encoder = ChunkEncoder.forConfig(IngestConfig.of("s", SendMode.FEATURES), START);
        assertFalse(encoder.accept(new short[399]).isPresent());
        FeatureChunk first = decodeFeatures(encoder.accept(new short[1]).orElseThrow(), false);
        assertEquals(0, first.firstFrame());
        assertEquals(1, first.count());
    }

    private static PcmChunk decodeAudio(EncodedChunk encoded, boolean end) {
        PcmChunk chunk = PcmChunkCodec.decode(encoded.value());
        assertEquals(chunk.startTimeMs(), encoded.eventTimeMs(), "event time is the record timestamp");
        assertEquals(end, chunk.endOfStream());
        assertEquals(end, encoded.endOfStream());
        assertEquals(chunk.sampleCount(), encoded.samples());
        assertEquals(16_000, chunk.sampleRate());
        return chunk;
    }

    private static FeatureChunk decodeFeatures(EncodedChunk encoded, boolean end) {
        FeatureChunk chunk = FeatureChunkCodec.decode(encoded.value());
        assertEquals(chunk.startTimeMs(), encoded.eventTimeMs());
        assertEquals(end, chunk.endOfStream());
        assertEquals(chunk.count(), encoded.frames());
        assertEquals(SPEC, chunk.spec());
        return chunk;
    }

    static short[] randomPcm(Random random, int length) {
        short[] pcm = new short[length];
        for (int i = 0; i < length; i++) {
            pcm[i] = (short) (random.nextGaussian() * 6_000);
        }
        return pcm;
    }

    /** {@code pcm} cut at random points, including empty pieces and pieces longer than a window. */
    static List<short[]> randomPieces(Random random, short[] pcm) {
        List<short[]> pieces = new ArrayList<>();
        int from = 0;
        while (from < pcm.length) {
            int to = Math.min(pcm.length, from + random.nextInt(2_500));
            pieces.add(Arrays.copyOfRange(pcm, from, to));
            from = to;
        }
        return pieces;
    }

    private static short[] concat(short[] a, short[] b) {
        short[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}

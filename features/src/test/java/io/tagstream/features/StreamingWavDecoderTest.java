package io.tagstream.features;

import static io.tagstream.features.WavBytes.FLOAT;
import static io.tagstream.features.WavBytes.PCM;
import static io.tagstream.features.WavBytes.chunk;
import static io.tagstream.features.WavBytes.fmt;
import static io.tagstream.features.WavBytes.riff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunked equals whole: the block-at-a-time decoder gives {@link WavDecoder}'s samples and features, bit for bit. */
class StreamingWavDecoderTest {

    @TempDir
    Path dir;

    @Test
    void blocksOfAnySizeJoinToTheWholeFileDecodeForEveryLayoutAndRate() throws Exception {
        Random random = new Random(15);
        int[][] layouts = { // {tag, bits, channels, file rate}
            {PCM, 16, 1, 16_000}, {PCM, 16, 2, 44_100}, {PCM, 8, 1, 8_000}, {PCM, 24, 2, 48_000},
            {PCM, 32, 3, 22_050}, {FLOAT, 32, 1, 11_025}, {FLOAT, 64, 2, 16_000}, {PCM, 16, 1, 7_999}};
        for (int[] layout : layouts) {
            for (int targetRate : new int[] {16_000, 8_000}) {
                int frames = 1 + random.nextInt(30_000);
                Path wav = write(random, layout[0], layout[1], layout[2], layout[3], frames);
                float[] whole = WavDecoder.decode(wav, targetRate).samples();
                int blockFrames = 1 + random.nextInt(random.nextBoolean() ? 64 : 20_000);
                String what = Arrays.toString(layout) + " -> " + targetRate + " Hz in blocks of " + blockFrames;
                try (StreamingWavDecoder decoder = StreamingWavDecoder.open(wav, targetRate, blockFrames)) {
                    assertEquals(whole.length, decoder.samples(), what + ": samples known from the header");
                    assertEquals(targetRate, decoder.sampleRate());
                    assertArrayEquals(whole, joined(decoder), what);
                }
            }
        }
    }

    @Test
    void resamplerFedInRandomPiecesEqualsTheWholeArrayResamplerBitForBit() {
        Random random = new Random(7);
        int[][] rates = {{44_100, 16_000}, {8_000, 16_000}, {48_000, 16_000}, {16_000, 44_100}, {22_050, 8_000},
            {3, 7}};
        for (int[] rate : rates) {
            float[] input = Signals.noise(random, 0.3, random.nextInt(50_000));
            float[] whole = Resampler.resample(input, rate[0], rate[1]);
            StreamingResampler streaming = new StreamingResampler(rate[0], rate[1]);
            FloatList out = new FloatList();
            for (int from = 0; from < input.length; ) {
                int to = Math.min(input.length, from + random.nextInt(random.nextBoolean() ? 5 : 5_000));
                out.add(streaming.accept(Arrays.copyOfRange(input, from, to)));
                from = to;
            }
            out.add(streaming.finish());
            assertArrayEquals(whole, out.toArray(), rate[0] + " -> " + rate[1] + " Hz");
        }
    }

    @Test
    void featuresOfTheStreamedFileEqualTheWholeFilePathBitForBit() throws Exception {
        Random random = new Random(3);
        FeatureSpec spec = FeatureSpec.DEFAULT;
        for (int[] layout : new int[][] {{PCM, 16, 1, 16_000}, {PCM, 16, 2, 44_100}, {FLOAT, 32, 1, 8_000}}) {
            Path wav = write(random, layout[0], layout[1], layout[2], layout[3], 3 * StreamingWavDecoder.BLOCK_FRAMES
                    + random.nextInt(10_000));
            float[] wire = Pcm16.toFloat(Pcm16.quantize(WavDecoder.decode(wav, spec.sampleRate()).samples()));
            float[][] whole = StreamingFeatureExtractor.extractAll(new TarsosFeatureExtractor(spec), wire);
            try (RecordingFeatures features = RecordingFeatures.open(wav, spec)) {
                assertEquals(whole.length, features.frames());
                int k = 0;
                for (float[][] block = features.next(); block != null; block = features.next()) {
                    for (float[] frame : block) {
                        assertArrayEquals(whole[k], frame, Arrays.toString(layout) + " frame " + k);
                        k++;
                    }
                }
                assertEquals(whole.length, k);
                assertNull(features.next());
            }
        }
    }

    @Test
    void aBadFileFailsAtOpenWithTheWholeFileDecodersMessage() throws Exception {
        byte[][] bad = {
            new byte[0],
            riff(chunk("fmt ", fmt(PCM, 1, 16_000, 16))),
            riff(chunk("fmt ", fmt(PCM, 1, 16_000, 12)), chunk("data", new byte[4])),
            WavBytes.concat(riff(chunk("fmt ", fmt(PCM, 1, 16_000, 16))), WavBytes.lyingChunk("data", 1_000,
                    new byte[10]))};
        for (int i = 0; i < bad.length; i++) {
            Path wav = dir.resolve("bad" + i + ".wav");
            Files.write(wav, bad[i]);
            AudioFileException whole = assertThrows(AudioFileException.class, () -> WavDecoder.decode(wav, 16_000));
            AudioFileException streamed = assertThrows(AudioFileException.class,
                    () -> StreamingWavDecoder.open(wav, 16_000));
            assertEquals(whole.getMessage(), streamed.getMessage());
        }
        AudioFileException missing = assertThrows(AudioFileException.class,
                () -> StreamingWavDecoder.open(dir.resolve("none.wav"), 16_000));
        assertEquals("none.wav: no such file", missing.getMessage());
    }

    @Test
    void aNonFiniteSampleMidFileFailsWithTheSampleItIs() throws Exception {
        float[] samples = new float[40_000];
        samples[35_000] = Float.NaN;
        Path wav = dir.resolve("nan.wav");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(WavBytes.float32(samples));
        Files.write(wav, riff(chunk("fmt ", fmt(FLOAT, 1, 16_000, 32)), chunk("data", data.toByteArray())));
        try (StreamingWavDecoder decoder = StreamingWavDecoder.open(wav, 16_000)) {
            AudioFileException e = assertThrows(AudioFileException.class, () -> joined(decoder));
            assertEquals("nan.wav: sample frame 35000, channel 0 is NaN, not a finite number", e.getMessage());
        }
    }

    private static float[] joined(StreamingWavDecoder decoder) throws AudioFileException {
        FloatList out = new FloatList();
        for (float[] block = decoder.next(); block != null; block = decoder.next()) {
            out.add(block);
        }
        return out.toArray();
    }

    /** A WAV file of random samples (quiet noise, some loud and clipping ones) in the given layout. */
    private Path write(Random random, int tag, int bits, int channels, int rate, int frames) throws Exception {
        int n = frames * channels;
        byte[] data;
        if (tag == FLOAT) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian() * (random.nextInt(100) == 0 ? 2.0 : 0.2);
            }
            if (bits == 64) {
                data = WavBytes.float64(x);
            } else {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) x[i];
                }
                data = WavBytes.float32(f);
            }
        } else {
            int[] codes = new int[n];
            long full = bits == 8 ? 128 : 1L << (bits - 1);
            for (int i = 0; i < n; i++) {
                long code = (long) (random.nextGaussian() * 0.3 * full);
                codes[i] = (int) Math.max(-full, Math.min(full - 1, code)) + (bits == 8 ? 128 : 0);
            }
            data = switch (bits) {
                case 8 -> WavBytes.unsigned8(codes);
                case 16 -> WavBytes.pcm16(codes);
                case 24 -> WavBytes.pcm24(codes);
                default -> WavBytes.pcm32(codes);
            };
        }
        Path wav = dir.resolve(tag + "-" + bits + "-" + channels + "-" + rate + "-" + frames + ".wav");
        Files.write(wav, riff(chunk("fmt ", fmt(tag, channels, rate, bits)), chunk("LIST", new byte[7]),
                chunk("data", data)));
        return wav;
    }

    /** A growing float array, for joining blocks. */
    private static final class FloatList {
        private float[] values = new float[1024];
        private int size;

        void add(float[] more) {
            if (size + more.length > values.length) {
                values = Arrays.copyOf(values, Math.max(size + more.length, 2 * values.length));
            }
            System.arraycopy(more, 0, values, size, more.length);
            size += more.length;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

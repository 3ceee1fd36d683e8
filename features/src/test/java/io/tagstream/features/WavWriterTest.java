package io.tagstream.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @Test
    void headerIsCanonicalMono16BitPcm() {
        byte[] wav = WavWriter.encode(new float[] {0f, 0.5f, -0.5f}, 16_000);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + 6, wav.length);
        assertEquals("RIFF", ascii(wav, 0));
        assertEquals(wav.length - 8, b.getInt(4));
        assertEquals("WAVE", ascii(wav, 8));
        assertEquals("fmt ", ascii(wav, 12));
        assertEquals(16, b.getInt(16));
        assertEquals(1, b.getShort(20), "format tag PCM");
        assertEquals(1, b.getShort(22), "channels");
        assertEquals(16_000, b.getInt(24), "sample rate");
        assertEquals(32_000, b.getInt(28), "byte rate");
        assertEquals(2, b.getShort(32), "block align");
        assertEquals(16, b.getShort(34), "bits per sample");
        assertEquals("data", ascii(wav, 36));
        assertEquals(6, b.getInt(40), "data bytes");
    }

    @Test
    void samplesAreLittleEndianPcm16Codes() {
        // hand-computed: round(x * 32767), clamped
        float[] x = {0f, 1f, -1f, 0.5f, -0.25f, 2f, -3f, 1e-5f};
        short[] expected = {0, 32767, -32767, 16384, -8192, 32767, -32768, 0};
        assertArrayEquals(expected, dataOf(WavWriter.encode(x, 8_000)));
    }

    @Test
    void randomSignalsRoundTripWithinHalfAStep() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            float[] x = new float[random.nextInt(2_000)];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextFloat() * 2 - 1;
            }
            float[] back = Pcm16.toFloat(dataOf(WavWriter.encode(x, 44_100)));
            assertEquals(x.length, back.length);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], back[i], 0.5f / 32767 + 1e-7f, "sample " + i);
            }
        }
    }

    @Test
    void writeProducesTheEncodedBytes(@TempDir Path dir) throws IOException {
        float[] x = {0.1f, -0.2f, 0.3f};
        Path file = dir.resolve("a.wav");
        WavWriter.write(file, x, 16_000);
        assertArrayEquals(WavWriter.encode(x, 16_000), Files.readAllBytes(file));
    }

    @Test
    void wavDecoderReadsBackWhatWasWritten(@TempDir Path dir) throws IOException, AudioFileException {
        Random random = new Random(9);
        for (int rate : new int[] {8_000, 16_000, 44_100}) {
            float[] x = new float[1 + random.nextInt(5_000)];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.85 * Math.sin(i * 0.01) + 0.1 * (random.nextDouble() - 0.5)); // within +-0.9
            }
            Path file = dir.resolve("r" + rate + ".wav");
            WavWriter.write(file, x, rate);
            DecodedAudio decoded = WavDecoder.decode(file, rate);
            assertEquals(rate, decoded.sampleRate());
            assertArrayEquals(Pcm16.quantize(x), codes(decoded.samples()), "rate " + rate);
            DecodedAudio fromStream = WavDecoder.decode(new java.io.ByteArrayInputStream(WavWriter.encode(x, rate)),
                    "mem.wav", rate);
            assertArrayEquals(decoded.samples(), fromStream.samples());
        }
    }

    @Test
    void emptySignalIsAValidHeaderOnlyFile() {
        byte[] wav = WavWriter.encode(new float[0], 16_000);
        assertEquals(44, wav.length);
        assertEquals(0, ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(40));
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> WavWriter.encode(new float[1], 0));
    }

    /** The 16-bit codes of decoded samples (the decoder maps code c to c / 32767, as {@link Pcm16#toFloat}). */
    private static short[] codes(float[] decoded) {
        short[] codes = new short[decoded.length];
        for (int i = 0; i < decoded.length; i++) {
            codes[i] = (short) Math.round(decoded[i] * 32_767.0);
        }
        return codes;
    }

    private static short[] dataOf(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        short[] s = new short[b.getInt(40) / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = b.getShort(44 + 2 * i);
        }
        return s;
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }
}

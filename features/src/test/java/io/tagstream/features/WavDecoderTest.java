package io.tagstream.features;

import static io.tagstream.features.WavBytes.FLOAT;
import static io.tagstream.features.WavBytes.PCM;
import static io.tagstream.features.WavBytes.chunk;
import static io.tagstream.features.WavBytes.concat;
import static io.tagstream.features.WavBytes.fmt;
import static io.tagstream.features.WavBytes.fmtExtensible;
import static io.tagstream.features.WavBytes.lyingChunk;
import static io.tagstream.features.WavBytes.pcm16;
import static io.tagstream.features.WavBytes.riff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every supported layout decodes to the expected samples; every broken file gets its one-line message. */
class WavDecoderTest {

    private static final double Q16 = 32_767.0;
    private static final double Q24 = 8_388_607.0;
    private static final double Q32 = 2_147_483_647.0;

    @TempDir
    Path dir;

    // ---- supported layouts -------------------------------------------------------------------------------------

    @Test
    void pcm16MonoScalesByFullScaleAndClipsTheMostNegativeCode() throws Exception {
        DecodedAudio audio = decodeBoth(riff(chunk("fmt ", fmt(PCM, 1, 16_000, 16)),
                chunk("data", pcm16(0, 32_767, -32_767, -32_768, 16_384, -3))), 16_000);
        assertEquals(16_000, audio.sampleRate());
        assertArrayEquals(floats(0, 1, -1, -1, 16_384 / Q16, -3 / Q16), audio.samples(), 0f);
        // a 16-bit WAV at the pipeline rate reaches the wire unchanged (except the clipped -32768)
        assertArrayEquals(new short[] {0, 32_767, -32_767, -32_767, 16_384, -3}, Pcm16.quantize(audio.samples()));
    }

    @Test
    void pcm8IsUnsignedAroundCode128() throws Exception {
        DecodedAudio audio = decodeBoth(riff(chunk("fmt ", fmt(PCM, 1, 8_000, 8)),
                chunk("data", WavBytes.unsigned8(128, 255, 0, 1, 192))), 8_000);
        assertArrayEquals(floats(0, 1, -1, -127 / 127.0, 64 / 127.0), audio.samples(), 0f);
    }

    @Test
    void pcm24SignExtends() throws Exception {
        DecodedAudio audio = decodeBoth(riff(chunk("fmt ", fmt(PCM, 1, 16_000, 24)),
                chunk("data", WavBytes.pcm24(0, 8_388_607, -8_388_607, -8_388_608, -1, 0x123456))), 16_000);
        assertArrayEquals(floats(0, 1, -1, -1, -1 / Q24, 0x123456 / Q24), audio.samples(), 0f);
    }

    @Test
    void pcm32Signed() throws Exception {
        DecodedAudio audio = decodeBoth(riff(chunk("fmt ", fmt(PCM, 1, 16_000, 32)),
                chunk("data", WavBytes.pcm32(0, Integer.MAX_VALUE, -Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30))),
                16_000);
        assertArrayEquals(floats(0, 1, -1, -1, (1 << 30) / Q32), audio.samples(), 0f);
    }

    @Test
    void float32And64AreTakenAsIsAndClipped() throws Exception {
        DecodedAudio f32 = decodeBoth(riff(chunk("fmt ", fmt(FLOAT, 1, 16_000, 32)),
                chunk("data", WavBytes.float32(0f, 0.5f, -0.25f, 1.5f, -3f, 1e-30f))), 16_000);
        assertArrayEquals(new float[] {0f, 0.5f, -0.25f, 1f, -1f, 1e-30f}, f32.samples(), 0f);
        DecodedAudio f64 = decodeBoth(riff(chunk("fmt ", fmt(FLOAT, 1, 16_000, 64)),
                chunk("data", WavBytes.float64(0.125, -0.75, 1.0, 0.1))), 16_000);
        assertArrayEquals(new float[] {0.125f, -0.75f, 1f, 0.1f}, f64.samples(), 0f);
    }

    @Test
    void stereoIsAveraged() throws Exception {
        DecodedAudio audio = decodeBoth(riff(chunk("fmt ", fmt(PCM, 2, 16_000, 16)),
                chunk("data", pcm16(16_384, -16_384, 32_767, 0, 10_000, 20_000))), 16_000);
        assertArrayEquals(floats(0, 0.5, 15_000 / Q16), audio.samples(), 0f);
    }

    @Test
    void sixChannels24BitAreAveraged() throws Exception {
        int[] frame1 = {100, 200, 300, 400, 500, 600};
        int[] frame2 = {-8_388_607, 8_388_607, 0, 0, 6, -6};
        DecodedAudio audio = decodeBoth(riff(chunk("fmt ", fmt(PCM, 6, 48_000, 24)),
                chunk("data", concat(WavBytes.pcm24(frame1), WavBytes.pcm24(frame2)))), 48_000);
        assertArrayEquals(floats(2_100 / 6.0 / Q24, 0), audio.samples(), 0f);
    }

    @Test
    void extensiblePcmAndFloat() throws Exception {
        // 24 valid bits left-justified in a 32-bit container, as WAVE_FORMAT_EXTENSIBLE writers do
        DecodedAudio pcm = decodeBoth(riff(chunk("fmt ", fmtExtensible(PCM, 1, 16_000, 32, 24)),
                chunk("data", WavBytes.pcm32(0x123456 << 8, -(0x400000 << 8)))), 16_000);
        assertArrayEquals(floats(0x123456 / Q24, -0x400000 / Q24), pcm.samples(), 1e-7f);
        DecodedAudio flt = decodeBoth(riff(chunk("fmt ", fmtExtensible(FLOAT, 2, 16_000, 32, 32)),
                chunk("data", WavBytes.float32(0.5f, 0.25f, -1f, 0f))), 16_000);
        assertArrayEquals(new float[] {0.375f, -0.5f}, flt.samples(), 0f);
    }

    @Test
    void unknownChunksAreSkippedWithOddSizePadding() throws Exception {
        byte[] wav = riff(
                chunk("JUNK", new byte[5]),                                 // odd: one pad byte
                chunk("fmt ", fmt(PCM, 1, 8_000, 8)),
                chunk("LIST", "INFOISFT\u0003\0\0\0ab".getBytes(StandardCharsets.ISO_8859_1)),
                chunk("data", WavBytes.unsigned8(128, 255, 0)),                // odd data: padded
                chunk("id3 ", new byte[7]));                                // after data: ignored
        assertArrayEquals(floats(0, 1, -1), decodeBoth(wav, 8_000).samples(), 0f);
    }

    @Test
    void aWrongRiffSizeFieldIsIgnored() throws Exception {
        byte[] wav = riff(chunk("fmt ", fmt(PCM, 1, 16_000, 16)), chunk("data", pcm16(1_000, -1_000)));
        System.arraycopy(WavBytes.le32(0), 0, wav, 4, 4);
        assertArrayEquals(floats(1_000 / Q16, -1_000 / Q16), decodeBoth(wav, 16_000).samples(), 0f);
    }

    @Test
    void a44100HzFileIsResampledTo16000() throws Exception {
        float[] sine = Signals.sine(1_000, 0.5, 0.3, 44_100, 44_100);
        byte[] wav = riff(chunk("fmt ", fmt(PCM, 1, 44_100, 16)), chunk("data", WavBytes.pcm16Of(sine)));
        DecodedAudio native44 = decodeBoth(wav, 44_100);
        DecodedAudio at16 = decodeBoth(wav, 16_000);
        assertEquals(16_000, at16.sampleRate());
        assertArrayEquals(Resampler.resample(native44.samples(), 44_100, 16_000), at16.samples(), 0f);
        float[] ideal = Signals.sine(1_000, 0.5, 0.3, 16_000, 16_000);
        for (int n = 1_600; n < 14_400; n++) {
            assertEquals(ideal[n], at16.samples()[n], 1e-4 + 1 / Q16, "sample " + n); // resampling + 16-bit steps
        }
    }

    @Test
    void an8000HzStereoFileIsResampledTo16000() throws Exception {
        float[] sine = Signals.sine(440, 0.4, 0.0, 8_000, 8_000);
        int[] codes = new int[2 * sine.length];
        for (int i = 0; i < sine.length; i++) {
            codes[2 * i] = Math.round(sine[i] * 32_767f);
            codes[2 * i + 1] = Math.round(sine[i] * 32_767f);
        }
        byte[] wav = riff(chunk("fmt ", fmt(PCM, 2, 8_000, 16)), chunk("data", pcm16(codes)));
        DecodedAudio audio = decodeBoth(wav, 16_000);
        assertEquals(16_000, audio.samples().length);
        float[] ideal = Signals.sine(440, 0.4, 0.0, 16_000, 16_000);
        for (int n = 1_600; n < 14_400; n++) {
            assertEquals(ideal[n], audio.samples()[n], 1e-4 + 1 / Q16, "sample " + n);
        }
    }

    // ---- broken files: one line, naming the file and the problem -------------------------------------------------

    @Test
    void emptyOrTooShortOrNotRiff() throws Exception {
        assertRejected(new byte[0], "x.wav: empty file");
        assertRejected("RIFF\0".getBytes(StandardCharsets.ISO_8859_1),
                "x.wav: not a WAV file: 5 bytes, shorter than the 12-byte RIFF header");
        assertRejected("ab".getBytes(StandardCharsets.ISO_8859_1), "x.wav: not a WAV file: starts with 'ab', not 'RIFF'");
        assertRejected("ID3\u0003\0\0\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1),
                "x.wav: not a WAV file: starts with 'ID3\\x03', not 'RIFF'");
        assertRejected("RIFX\0\0\0\0WAVE".getBytes(StandardCharsets.ISO_8859_1),
                "x.wav: big-endian RIFX WAV is not supported");
        assertRejected("RF64\0\0\0\0WAVE".getBytes(StandardCharsets.ISO_8859_1),
                "x.wav: RF64 (64-bit RIFF) WAV is not supported");
        assertRejected("RIFF\0\0\0\0AVI LIST".getBytes(StandardCharsets.ISO_8859_1),
                "x.wav: not a WAV file: RIFF form type is 'AVI ', not 'WAVE'");
    }

    @Test
    void missingOrMisplacedChunks() throws Exception {
        assertRejected(riff(), "x.wav: no fmt chunk");
        assertRejected(riff(chunk("LIST", new byte[4])), "x.wav: no fmt chunk");
        assertRejected(riff(chunk("fmt ", fmt(PCM, 1, 16_000, 16))), "x.wav: no data chunk");
        assertRejected(riff(chunk("data", pcm16(1)), chunk("fmt ", fmt(PCM, 1, 16_000, 16))),
                "x.wav: data chunk comes before the fmt chunk");
        assertRejected(riff(chunk("fmt ", fmt(PCM, 1, 16_000, 16)), chunk("fmt ", fmt(PCM, 1, 16_000, 16)),
                chunk("data", pcm16(1))), "x.wav: more than one fmt chunk");
    }

    @Test
    void badFmtChunks() throws Exception {
        assertRejected(riff(chunk("fmt ", Arrays.copyOf(fmt(PCM, 1, 16_000, 16), 14)), chunk("data", pcm16(1))),
                "x.wav: fmt chunk has 14 bytes, needs at least 16");
        assertRejected(riff(lyingChunk("fmt ", 1 << 20, fmt(PCM, 1, 16_000, 16))),
                "x.wav: fmt chunk declares 1048576 bytes, more than the 65536 allowed");
        assertRejected(riff(lyingChunk("fmt ", 16, Arrays.copyOf(fmt(PCM, 1, 16_000, 16), 10))),
                "x.wav: truncated: fmt chunk declares 16 bytes, file has 10");
        assertRejected(withFmt(fmt(PCM, 0, 16_000, 16, 2)), "x.wav: fmt chunk declares zero channels");
        assertRejected(withFmt(fmt(PCM, 1, 0, 16)), "x.wav: sample rate 0 Hz is outside 1..768000 Hz");
        assertRejected(withFmt(fmt(PCM, 1, -1, 16)), "x.wav: sample rate 4294967295 Hz is outside 1..768000 Hz");
        assertRejected(withFmt(fmt(PCM, 2, 16_000, 16, 2)),
                "x.wav: block align 2 does not match 2 channels x 16-bit PCM (expected 4)");
    }

    @Test
    void unsupportedEncodings() throws Exception {
        String supported = "; supported: PCM 8/16/24/32-bit, IEEE float 32/64-bit";
        assertRejected(withFmt(fmt(2, 1, 16_000, 4, 256)),
                "x.wav: unsupported encoding Microsoft ADPCM (format tag 0x0002)" + supported);
        assertRejected(withFmt(fmt(7, 1, 8_000, 8)), "x.wav: unsupported encoding mu-law (format tag 0x0007)" + supported);
        assertRejected(withFmt(fmt(6, 1, 8_000, 8)), "x.wav: unsupported encoding A-law (format tag 0x0006)" + supported);
        assertRejected(withFmt(fmt(0x1234, 1, 8_000, 8)), "x.wav: unsupported encoding (format tag 0x1234)" + supported);
        assertRejected(withFmt(fmt(PCM, 1, 16_000, 12, 2)),
                "x.wav: unsupported PCM bit depth 12 (supported: 8, 16, 24, 32)");
        assertRejected(withFmt(fmt(FLOAT, 1, 16_000, 16)),
                "x.wav: unsupported float bit depth 16 (supported: 32, 64)");
        assertRejected(withFmt(Arrays.copyOf(fmtExtensible(PCM, 1, 16_000, 16, 16), 24)),
                "x.wav: extensible fmt chunk has 24 bytes, needs at least 40");
        byte[] oddGuid = fmtExtensible(PCM, 1, 16_000, 16, 16);
        oddGuid[39] = 0x00;
        assertRejected(withFmt(oddGuid), "x.wav: unsupported extensible sub-format GUID (not a PCM/float GUID)");
        assertRejected(withFmt(fmtExtensible(2, 1, 16_000, 16, 16)),
                "x.wav: unsupported encoding Microsoft ADPCM (format tag 0x0002)" + supported);
    }

    @Test
    void truncatedDataIsRejectedNotDecodedInPart() throws Exception {
        byte[] fmt = chunk("fmt ", fmt(PCM, 1, 16_000, 16));
        assertRejected(riff(fmt, lyingChunk("data", 320_000, new byte[1_200])),
                "x.wav: truncated: data chunk declares 320000 bytes, file has 1200");
    }

    @Test
    void lyingSizesNeverAllocateWhatTheyClaim() throws Exception {
        // 4 GiB declared, 4 bytes present: rejected from the file size before allocating; a stream reads what arrives
        byte[] stereo = riff(chunk("fmt ", fmt(PCM, 2, 16_000, 16)), lyingChunk("data", 0xFFFF_FFF0L, new byte[4]));
        assertRejected(stereo, "x.wav: truncated: data chunk declares 4294967280 bytes, file has 4");
        byte[] mono8 = riff(chunk("fmt ", fmt(PCM, 1, 16_000, 8)), lyingChunk("data", 0xFFFF_FFFFL, new byte[4]));
        assertEquals("x.wav: truncated: data chunk declares 4294967295 bytes, file has 4", fileError(mono8));
        assertEquals("x.wav: data chunk holds 4294967295 sample frames, more than 2147483639 supported",
                streamError(mono8));
        assertRejected(riff(chunk("fmt ", fmt(PCM, 1, 16_000, 16)), lyingChunk("LIST", 0xFFFF_FFFFL, new byte[10])),
                "x.wav: truncated: 'LIST' chunk at byte 36 declares 4294967295 bytes, file has 10");
    }

    @Test
    void otherDataChunkProblems() throws Exception {
        byte[] stereoFmt = chunk("fmt ", fmt(PCM, 2, 16_000, 16));
        assertRejected(riff(stereoFmt, lyingChunk("data", 5, new byte[6])),
                "x.wav: data chunk size 5 is not a whole number of 4-byte frames (2 channels x 16-bit PCM)");
        assertRejected(riff(stereoFmt, chunk("data", new byte[0])), "x.wav: no audio: the data chunk is empty");
        assertRejected(concat(riff(stereoFmt), "dat".getBytes(StandardCharsets.US_ASCII)),
                "x.wav: truncated: chunk header at byte 36 has 3 of 8 bytes");
        byte[] floatFmt = chunk("fmt ", fmt(FLOAT, 1, 16_000, 32));
        assertRejected(riff(floatFmt, chunk("data", WavBytes.float32(0f, Float.NaN))),
                "x.wav: sample frame 1, channel 0 is NaN, not a finite number");
        assertRejected(riff(chunk("fmt ", fmt(FLOAT, 2, 16_000, 64)),
                chunk("data", WavBytes.float64(0, 0, 0, Double.NEGATIVE_INFINITY))),
                "x.wav: sample frame 1, channel 1 is -Infinity, not a finite number");
        assertRejected(riff(lyingChunk("\u0001\u0002ab", 100, new byte[3])),
                "x.wav: truncated: '\\x01\\x02ab' chunk at byte 12 declares 100 bytes, file has 3");
    }

    @Test
    void missingFilesAndDirectories() throws Exception {
        AudioFileException missing = assertThrows(AudioFileException.class,
                () -> WavDecoder.decode(dir.resolve("missing.wav"), 16_000));
        assertEquals("missing.wav: no such file", missing.getMessage());
        Path sub = Files.createDirectory(dir.resolve("takes.wav"));
        AudioFileException directory = assertThrows(AudioFileException.class, () -> WavDecoder.decode(sub, 16_000));
        assertEquals("takes.wav: is a directory, not a WAV file", directory.getMessage());
        assertEquals("takes.wav", directory.fileName());
        assertEquals("is a directory, not a WAV file", directory.problem());
    }

    /** Every prefix of a valid file and 2000 seeded corruptions: decoded or AudioFileException, nothing else. */
    @Test
    void truncationsAndCorruptionsNeverEscapeAsOtherExceptions() throws Exception {
        byte[] valid = riff(chunk("LIST", new byte[3]), chunk("fmt ", fmt(PCM, 2, 22_050, 16)),
                chunk("data", pcm16(1, 2, 3, 4, 5, 6, -7, -8)));
        for (int length = 0; length < valid.length; length++) {
            byte[] prefix = Arrays.copyOf(valid, length);
            assertTrue(fileError(prefix).startsWith("x.wav: "), "prefix of " + length + " bytes");
            assertTrue(streamError(prefix).startsWith("x.wav: "), "prefix of " + length + " bytes");
        }
        Random random = new Random(1234);
        for (int trial = 0; trial < 2_000; trial++) {
            byte[] corrupt = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            try {
                DecodedAudio audio = WavDecoder.decode(new ByteArrayInputStream(corrupt), "x.wav", 16_000);
                for (float v : audio.samples()) {
                    assertTrue(v >= -1f && v <= 1f, "trial " + trial + ": sample " + v);
                }
            } catch (AudioFileException e) {
                assertTrue(e.getMessage().startsWith("x.wav: ") && !e.getMessage().contains("\n"), e.getMessage());
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Decodes from a file and from a stream; both must agree. */
    private DecodedAudio decodeBoth(byte[] wav, int rate) throws IOException, AudioFileException {
        Path file = dir.resolve("x.wav");
        Files.write(file, wav);
        DecodedAudio fromFile = WavDecoder.decode(file, rate);
        DecodedAudio fromStream = WavDecoder.decode(new ByteArrayInputStream(wav), "x.wav", rate);
        assertArrayEquals(fromFile.samples(), fromStream.samples(), 0f);
        assertEquals(fromFile.sampleRate(), fromStream.sampleRate());
        return fromFile;
    }

    /** The file and the stream path reject with the same one line ("file has" reads "stream ended after"). */
    private void assertRejected(byte[] wav, String expected) throws IOException {
        assertEquals(expected, fileError(wav));
        assertEquals(expected.replace("file has ", "stream ended after "), streamError(wav));
    }

    private String fileError(byte[] wav) throws IOException {
        Path file = dir.resolve("x.wav");
        Files.write(file, wav);
        return oneLine(assertThrows(AudioFileException.class, () -> WavDecoder.decode(file, 16_000)));
    }

    private static String streamError(byte[] wav) {
        return oneLine(assertThrows(AudioFileException.class,
                () -> WavDecoder.decode(new ByteArrayInputStream(wav), "x.wav", 16_000)));
    }

    private static String oneLine(AudioFileException e) {
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        return e.getMessage();
    }

    /** A file with the given fmt body and a small, valid-looking data chunk. */
    private static byte[] withFmt(byte[] fmtBody) {
        return riff(chunk("fmt ", fmtBody), chunk("data", new byte[24]));
    }

    private static float[] floats(double... values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}

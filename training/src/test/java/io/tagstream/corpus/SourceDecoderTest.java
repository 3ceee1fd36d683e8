package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.DecodedAudio;
import io.tagstream.features.WavDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's decoder with the real sox and opusdec, on files sox and opusenc write here: a 1 s 440 Hz tone
 * between 0.5 s of digital silence (stereo, 44.1 kHz), as ogg, as ogg without a file extension (a blobwars track),
 * as raw 8 kHz GSM (an asterisk prompt) and as opus. MIDI and tracker modules need a 114 MB soundfont and
 * openmpt123, which the test machine does not install: {@code tagstream sources} runs them on the real packages.
 */
class SourceDecoderTest {

    private static final ExternalTool SOX = new ExternalTool("sox", "sox", "sox");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static WorkFiles work;
    private static SourceDecoder decoder;
    private static Path ogg;

    @BeforeAll
    static void writeSources() throws IOException {
        work = new WorkFiles();
        decoder = new SourceDecoder("sox", dir.resolve("train.sf2"), dir.resolve("dev.sf3"), work);
        ogg = dir.resolve("tone.ogg");
        sox(List.of("-n", "-r", "44100", "-c", "2", ogg.toString(), "synth", "1", "sine", "440", "vol", "0.5",
                "pad", "0.5", "0.5"));
    }

    @AfterAll
    static void cleanUp() {
        work.close();
    }

    @Test
    void oggBecomesTrimmedMono16kHzAndNamesItsRate() throws IOException, AudioFileException {
        Path out = dir.resolve("ogg.wav");
        assertEquals(44_100, decoder.decode(List.of(ogg), Split.TRAIN, out));
        assertTone(out, 1.0);
    }

    @Test
    void aFileWithoutExtensionIsReadByItsMagicNumber() throws IOException, AudioFileException {
        Path bare = dir.resolve("arctic");
        Files.copy(ogg, bare);
        Path out = dir.resolve("bare.wav");
        assertEquals(44_100, decoder.decode(List.of(bare), Split.TRAIN, out));
        assertTone(out, 1.0);
        Path text = dir.resolve("readme");
        Files.writeString(text, "not audio");
        assertTrue(!SourceDecoder.Format.isAudio(text) && SourceDecoder.Format.isAudio(bare));
    }

    @Test
    void rawGsmIsRead8kHzMono() throws IOException, AudioFileException {
        Path gsm = dir.resolve("prompt.gsm");
        sox(List.of(ogg.toString(), "-t", "gsm", "-r", "8000", "-c", "1", gsm.toString()));
        Path out = dir.resolve("gsm.wav");
        assertEquals(8_000, decoder.decode(List.of(gsm), Split.DEV, out));
        assertTone(out, 1.0, 0.15); // GSM codes digital silence as faint codec noise near the trim threshold
    }

    @Test
    void opusIsDecodedByOpusdec() throws IOException, AudioFileException {
        Path wav = dir.resolve("for-opus.wav");
        sox(List.of(ogg.toString(), "-b", "16", wav.toString()));
        Path opus = dir.resolve("tone.opus");
        new ExternalTool("opusenc", "opusenc", "opus-tools").run(List.of("--quiet", wav.toString(), opus.toString()),
                work.next("opusenc.out"), work.next("opusenc.err"), TIMEOUT);
        Path out = dir.resolve("opus.wav");
        assertEquals(48_000, decoder.decode(List.of(opus), Split.TRAIN, out));
        assertTone(out, 1.0);
    }

    @Test
    void thePartsOfATrackAreMixedIntoOne() throws IOException, AudioFileException {
        Path longer = dir.resolve("guitar.ogg");
        sox(List.of("-n", "-r", "44100", "-c", "2", longer.toString(), "synth", "2", "sine", "440", "vol", "0.5",
                "pad", "0.5", "0.5"));
        Path out = dir.resolve("mixed.wav");
        decoder.decode(List.of(ogg, longer), Split.TRAIN, out);
        assertTone(out, 2.0);
    }

    @Test
    void aBrokenFileIsAOneLineError() throws IOException {
        Path broken = dir.resolve("broken.ogg");
        Files.writeString(broken, "OggS but nothing else");
        CorpusException e = assertThrows(CorpusException.class,
                () -> decoder.decode(List.of(broken), Split.TRAIN, dir.resolve("broken.wav")));
        assertTrue(e.getMessage().startsWith("sox failed") && !e.getMessage().contains("\n"), e.getMessage());
    }

    private static void assertTone(Path wav, double seconds) throws IOException, AudioFileException {
        assertTone(wav, seconds, 0.025);
    }

    /** 16 kHz mono, as long as the tone (the silences trimmed, within {@code tolerance} s), at the tone's level. */
    private static void assertTone(Path wav, double seconds, double tolerance) throws IOException,
            AudioFileException {
        DecodedAudio audio = WavDecoder.decode(wav, 16_000);
        byte[] header = Files.readAllBytes(wav);
        assertEquals(1, header[22], "mono");
        assertEquals(16_000, (header[24] & 0xff) | (header[25] & 0xff) << 8 | (header[26] & 0xff) << 16);
        assertEquals(seconds, audio.samples().length / 16_000.0, tolerance, "trimmed length");
        assertTrue(Loudness.peak(audio.samples()) > 0.3, "peak " + Loudness.peak(audio.samples()));
    }

    private static void sox(List<String> args) {
        List<String> all = new java.util.ArrayList<>(List.of("-R", "-V1"));
        all.addAll(args);
        SOX.run(all, work.next("sox.out"), work.next("sox.err"), TIMEOUT);
    }
}

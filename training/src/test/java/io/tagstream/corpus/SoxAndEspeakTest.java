package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sox and espeak-ng wrappers against the real tools (missing tools fail with the package to install). */
class SoxAndEspeakTest {

    private final WorkFiles work = new WorkFiles();
    private final Sox sox = new Sox("sox", work);

    @AfterEach
    void cleanUp() {
        work.close();
    }

    @Test
    void loadingResamplesToTheCorpusRateAndMixesToMono() {
        Path sample = SourceLocations.DEBIAN.sonicPiSamples().resolve("guit_em9.flac"); // 44.1 kHz stereo
        double seconds = sox.durationSeconds(sample);
        float[] x = sox.load(sample, List.of());
        assertEquals(seconds * Sox.RATE, x.length, 2);
        float[] half = sox.load(sample, List.of("trim", "0", "1.5"));
        assertEquals(1.5 * Sox.RATE, half.length, 1);
        float[] faster = sox.load(sample, List.of("trim", "0", "1.5", "speed", "1.5"));
        assertEquals(Sox.RATE, faster.length, 2);
    }

    @Test
    void filteringKeepsTheLengthAndTheBandLimitRemovesTheHighBand() {
        float[] white = NoiseSignals.white(4 * Sox.RATE, new Random(1));
        float[] limited = sox.filterAtUnityGain(white, new BandLimit(0, 3_500).soxEffects());
        assertEquals(white.length, limited.length);
        double[] psd = Spectrum.welch(limited, 2048);
        double pass = Spectrum.bandDensity(psd, Sox.RATE, 500, 3_000);
        double stop = Spectrum.bandDensity(psd, Sox.RATE, 3_800, 8_000);
        assertTrue(10 * Math.log10(stop / pass) < -60, "stop band " + 10 * Math.log10(stop / pass) + " dB");
        double[] input = Spectrum.welch(white, 2048);
        // unity gain in the pass band: within 0.2 dB of the input's density
        assertEquals(0, 10 * Math.log10(pass / Spectrum.bandDensity(input, Sox.RATE, 500, 3_000)), 0.2);
        float[] bandPass = sox.filter(white, new BandLimit(200, 3_500).soxEffects());
        double[] bp = Spectrum.welch(bandPass, 2048);
        // sox sinc's default transition band is a few hundred Hz wide: 20..100 Hz is > 30 dB down for a 200 Hz edge
        assertTrue(Spectrum.bandDensity(bp, Sox.RATE, 20, 100) < 1e-3 * Spectrum.bandDensity(bp, Sox.RATE, 500, 3_000));
    }

    @Test
    void soxRunsAreRepeatable() {
        List<String> synth = List.of("synth", "0.5", "pinknoise", "fade", "q", "0.01", "0.5", "0.1");
        assertArrayEquals(sox.synth(synth), sox.synth(synth), "-R makes sox's noise repeatable");
        float[] x = NoiseSignals.pink(Sox.RATE, new Random(2));
        List<String> reverb = List.of("reverb", "50", "50", "80", "sinc", "-3700");
        assertArrayEquals(sox.filter(x, reverb), sox.filter(x, reverb));
    }

    @Test
    void aMissingToolNamesItsDebianPackage() {
        MissingPackageException e = assertThrows(MissingPackageException.class,
                () -> new Sox("/nonexistent/sox", work).version());
        assertEquals("sox", e.aptPackage());
        assertEquals("sox not found (ran '/nonexistent/sox'): install the Debian package sox (apt-get install sox)",
                e.getMessage());
        MissingPackageException espeak = assertThrows(MissingPackageException.class,
                () -> new Espeak("/nonexistent/espeak-ng", work).version());
        assertEquals("espeak-ng", espeak.aptPackage());
    }

    @Test
    void aFailingToolCallIsOneLineWithItsError() {
        CorpusException e = assertThrows(CorpusException.class, () -> sox.synth(List.of("synth", "1", "nosuchwave")));
        assertTrue(e.getMessage().startsWith("sox failed (exit "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void espeakSpeaksRepeatably() throws Exception {
        Espeak espeak = new Espeak("espeak-ng", work);
        assertTrue(espeak.version().contains("eSpeak NG"));
        EspeakVoice voice = new EspeakVoice("de", "m3");
        Path a = espeak.speak(voice, 160, 40, 1, "der Zug kommt morgen um 7");
        Path b = espeak.speak(voice, 160, 40, 1, "der Zug kommt morgen um 7");
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        float[] speech = Activity.trimmed(sox.load(a, List.of()));
        assertTrue(speech.length > Sox.RATE / 2, "at least half a second of audible speech: " + speech.length);
    }
}

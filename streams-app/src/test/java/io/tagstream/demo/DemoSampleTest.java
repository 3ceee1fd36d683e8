package io.tagstream.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagstream.reference.AudacityLabel;
import io.tagstream.corpus.CorpusConfig;
import io.tagstream.corpus.CorpusGenerator;
import io.tagstream.corpus.SourceGroup;
import io.tagstream.corpus.SourceLocations;
import io.tagstream.features.FeatureSpec;

/**
 * The bundled sample is what docs/demo.md says: a minute of 16 kHz mono 16-bit PCM with a label track covering it
 * and every class in it, and the documented synth command regenerates it byte for byte (needs the synth packages:
 * sox, espeak-ng, the asterisk sounds, sonic-pi-samples, as the synth tests do).
 */
class DemoSampleTest {

    @TempDir
    Path tmp;

    @Test
    void isAMinuteOf16kHzMono16BitPcmUnder2Point5Megabytes() throws IOException {
        byte[] wav = resource(DemoSample.WAV);
        assertTrue(wav.length < 2_500_000, wav.length + " bytes");
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
        assertEquals("fmt ", new String(wav, 12, 4, StandardCharsets.US_ASCII));
        assertEquals(1, header.getShort(20), "PCM");
        assertEquals(1, header.getShort(22), "mono");
        assertEquals(16_000, header.getInt(24), "16 kHz");
        assertEquals(16, header.getShort(34), "16-bit");

        DemoSample sample = DemoSample.bundled(16_000);
        assertEquals(60.0, sample.audio().durationSeconds(), 1e-9);
        assertEquals(5_998, sample.frames(FeatureSpec.DEFAULT)); // (960000 - 400) / 160 + 1
    }

    @Test
    void itsLabelsTileTheRecordingWithEveryClassAndAgreeWithSampleJson() throws IOException {
        List<AudacityLabel> reference = DemoSample.bundled(16_000).reference();
        assertEquals(0.0, reference.get(0).startSeconds());
        assertEquals(60.0, reference.get(reference.size() - 1).endSeconds());
        for (int i = 1; i < reference.size(); i++) {
            assertEquals(reference.get(i - 1).endSeconds(), reference.get(i).startSeconds(), "contiguous at " + i);
        }
        Map<String, Double> seconds = new TreeMap<>();
        reference.forEach(r -> seconds.merge(r.label(), r.seconds(), Double::sum));
        assertEquals(Set.of("silence", "speech", "music", "noise"), seconds.keySet());

        JsonNode provenance = new ObjectMapper().readTree(resource("sample.json"));
        Map<String, Double> documented = new TreeMap<>();
        provenance.get("class_seconds").fields().forEachRemaining(e -> documented.put(e.getKey(),
                e.getValue().asDouble()));
        assertEquals(documented.keySet(), seconds.keySet());
        documented.forEach((label, s) -> assertEquals(s, seconds.get(label), 1e-6, label));
    }

    /** The command of sample.json / docs/demo.md: its dev clip 1 is sample.wav and sample.txt, byte for byte. */
    @Test
    void theDocumentedSynthCommandRegeneratesItExactly() throws IOException {
        CorpusConfig config = new CorpusConfig(2, 1, SourceGroup.BUILT_IN, 0.5, 60, 60,
                SourceLocations.DEBIAN);
        Path out = tmp.resolve("corpus");
        CorpusGenerator.generate(config, out, line -> { });
        String stale = ": the corpus generator now makes another clip; regenerate the sample as docs/demo.md says";
        assertArrayEquals(resource(DemoSample.LABELS), Files.readAllBytes(out.resolve("dev/clip-0001.txt")),
                DemoSample.LABELS + stale);
        assertArrayEquals(resource(DemoSample.WAV), Files.readAllBytes(out.resolve("dev/clip-0001.wav")),
                DemoSample.WAV + stale);
        String command = new ObjectMapper().readTree(resource("sample.json")).get("made_by").asText();
        assertEquals("tagstream synth --out DIR --minutes 2 --seed 1 --dev-fraction 0.5 --clip-seconds 60-60", command);
        assertTrue(Files.readString(docsDemo()).contains(command.replace("DIR", "/tmp/demo-sample")),
                "docs/demo.md shows the same command");
    }

    private static Path docsDemo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/demo.md"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "docs/demo.md above " + Path.of("").toAbsolutePath());
        return dir.resolve("docs/demo.md");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoSample.class.getResourceAsStream(DemoSample.RESOURCE_DIR + name)) {
            assertTrue(in != null, name + " on the classpath");
            return in.readAllBytes();
        }
    }
}

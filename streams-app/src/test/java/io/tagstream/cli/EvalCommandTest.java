package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.WavWriter;

/** {@code tagstream eval} as a user runs it, with a random-weight model on one recording and its label file. */
class EvalCommandTest {

    @TempDir
    static Path dir;
    static Path model;
    static Path wav;
    static Path labels;
    static final int SAMPLES = 48_000; // 3 s

    @BeforeAll
    static void files() throws Exception {
        model = RandomModelFile.write(dir.resolve("random.zip"), 5);
        Random random = new Random(6);
        float[] x = new float[SAMPLES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (i < 16_000 ? 0 : i < 32_000 ? 0.3 * Math.sin(i * 0.2) : 0.2 * random.nextGaussian());
        }
        wav = dir.resolve("take.wav");
        WavWriter.write(wav, x, 16_000);
        labels = dir.resolve("take.txt");
        Files.writeString(labels, "0.000000\t1.000000\tsilence\n1.000000\t2.000000\tmusic\n2.000000\t3.000000\tnoise\n");
    }

    @Test
    void helpNamesTheOptions() {
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run("eval", "--help");
        assertEquals(0, run.exitCode);
        for (String option : new String[] {"--model", "--data", "--split", "--input", "--labels", "--collar-ms",
            "--score", "--out", "--json"}) {
            assertTrue(run.out.contains(option), option + " in " + run.out);
        }
    }

    @Test
    void aRecordingIsScoredAndTheReportWrittenBesideTheModel() throws Exception {
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run("eval", "--model", model.toString(),
                "--input", wav.toString(), "--labels", labels.toString());
        assertEquals(0, run.exitCode, run.err);
        Path reportDir = dir.resolve("random-eval");
        assertTrue(run.out.contains("frame accuracy "), run.out);
        // 298 frames; boundaries at 1 s and 2 s (frames 100 and 200), 10 frames on each side: 40 in the collar
        long frames = StreamingFeatureExtractor.frameCount(FeatureSpec.DEFAULT, SAMPLES);
        assertTrue(run.out.contains("frames: " + (frames - 40) + " scored of " + frames + " (40 in the 100 ms collar,"
                + " 0 unlabelled)"), run.out);
        assertTrue(run.out.contains("report: " + reportDir.resolve("report.json")), run.out);
        for (String file : new String[] {"report.json", "report.md", "confusion.png"}) {
            assertTrue(Files.isRegularFile(reportDir.resolve(file)), file);
        }
    }

    @Test
    void jsonPrintsTheReportFile() throws Exception {
        Path out = dir.resolve("json-report");
        TagstreamCommandTest.Run run = new TagstreamCommandTest.Run("eval", "--model", model.toString(),
                "--input", wav.toString(), "--labels", labels.toString(), "--out", out.toString(), "--json",
                "--collar-ms", "0", "--score", "segments");
        assertEquals(0, run.exitCode, run.err);
        assertEquals(Files.readString(out.resolve("report.json")), run.out);
        JsonNode json = new ObjectMapper().readTree(run.out);
        long frames = StreamingFeatureExtractor.frameCount(FeatureSpec.DEFAULT, SAMPLES);
        assertEquals(frames, json.path("frames").path("scored").asLong(), "collar 0: every labelled frame");
        assertEquals("segments", json.path("scored_labels").asText());
        // the reference: 100 silence, 100 music, 98 noise frames
        assertEquals(100, json.path("classes").path("silence").path("reference_frames").asLong());
        assertEquals(100, json.path("classes").path("music").path("reference_frames").asLong());
        assertEquals(frames - 200, json.path("classes").path("noise").path("reference_frames").asLong());
        assertTrue(json.path("classes").path("speech").path("recall").isNull(), "no speech in the reference");
    }

    @Test
    void badModelsAndDataAreOneLineErrorsWithExitCode3() throws Exception {
        Path broken = dir.resolve("broken.zip");
        Files.write(broken, new byte[] {'P', 'K', 3, 4, 0, 0});
        assertOneLine(new TagstreamCommandTest.Run("eval", "--model", broken.toString(), "--input", wav.toString(),
                "--labels", labels.toString()), 3, "tagstream eval: broken.zip: not a readable zip archive");
        assertOneLine(new TagstreamCommandTest.Run("eval", "--model", dir.resolve("none.zip").toString(), "--data",
                dir.toString()), 3, "tagstream eval: none.zip: no such file");
        assertOneLine(new TagstreamCommandTest.Run("eval", "--model", model.toString(), "--data",
                dir.resolve("no-corpus").toString()), 3, "tagstream eval: " + dir.resolve("no-corpus")
                + ": no such corpus directory");
        assertOneLine(new TagstreamCommandTest.Run("eval", "--model", model.toString(), "--data", dir.toString()), 3,
                "tagstream eval: " + dir + ": no dev/ directory");
        Path birds = dir.resolve("birds.txt");
        Files.writeString(birds, "0\t3\tbirdsong\n");
        assertOneLine(new TagstreamCommandTest.Run("eval", "--model", model.toString(), "--input", wav.toString(),
                "--labels", birds.toString()), 3, "tagstream eval: birds.txt: label 1 'birdsong' is not one of");
    }

    @Test
    void badFlagsAreOneLineUsageErrors() {
        String m = model.toString();
        assertOneLine(new TagstreamCommandTest.Run("eval", "--data", dir.toString(), "--bogus"), 2,
                "tagstream eval: Unknown option: '--bogus'");
        assertOneLine(new TagstreamCommandTest.Run("eval", "--model", m), 2,
                "tagstream eval: give either --data DIR or --input F.wav --labels F.txt");
        assertOneLine(new TagstreamCommandTest.Run("eval", "--model", m, "--data", dir.toString(), "--input",
                wav.toString(), "--labels", labels.toString()), 2, "tagstream eval: give either --data DIR or");
        assertOneLine(new TagstreamCommandTest.Run("eval", "--model", m, "--input", wav.toString()), 2,
                "tagstream eval: --input and --labels go together");
        assertOneLine(new TagstreamCommandTest.Run("eval", "--model", m, "--data", dir.toString(), "--split",
                "test"), 2, "tagstream eval: --split must be dev, train or all, got 'test'");
        assertOneLine(new TagstreamCommandTest.Run("eval", "--model", m, "--data", dir.toString(), "--collar-ms",
                "-5"), 2, "tagstream eval: --collar-ms must be in 0..10000, got -5.0");
        assertOneLine(new TagstreamCommandTest.Run("eval", "--model", m, "--data", dir.toString(), "--score",
                "words"), 2, "tagstream eval: --score must be frames or segments, got 'words'");
        assertOneLine(new TagstreamCommandTest.Run("eval", "--model", m, "--data", dir.toString(), "--nonsense"), 2,
                "tagstream eval: Unknown option: '--nonsense'");
    }

    static void assertOneLine(TagstreamCommandTest.Run run, int exitCode, String start) {
        assertEquals(exitCode, run.exitCode, run.err);
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertTrue(run.err.startsWith(start), run.err);
        assertFalse(run.err.contains("\tat "), "no stack trace: " + run.err);
    }
}

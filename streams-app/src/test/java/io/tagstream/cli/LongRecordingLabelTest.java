package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.model.Activation;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.LabelSet;
import io.tagstream.model.ModelFile;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import io.tagstream.model.Provenance;

/**
 * Issue 15: {@code tagstream label} on a recording whose decoded samples alone are many times the heap. A 2-hour
 * 16 kHz WAV (230 MB on disk, 460 MB as decoded floats) is labelled by a child JVM with a {@value #HEAP} heap, which
 * the whole-file path could not even decode into: it must finish with exit 0, one row per frame, the rows starting
 * while the file is still being read; {@code eval} scores it against its reference labels in the same heap.
 */
class LongRecordingLabelTest {

    private static final String HEAP = "-Xmx32m";
    /**
     * JavaCPP (ND4J's native memory) refuses to allocate once the process's resident memory passes its limit, by
     * default four times the maximum heap: 128 MB here, which the JVM, its compiled code and ND4J's native libraries
     * reach before the first frame (130 MB measured with the calibrate command's classes loaded). The heap is what
     * these tests bound; the resident memory of a 64 MB-heap run over a 2 GiB file is in README (197 MB).
     */
    private static final String PHYSICAL = "-Dorg.bytedeco.javacpp.maxPhysicalBytes=256m";
    private static final long SECONDS = 2 * 3_600;

    @TempDir
    static Path dir;
    static Path model;
    static Path wav;
    static long samples;

    @BeforeAll
    static void files() throws Exception {
        EncoderConfig config = new EncoderConfig(FeatureSpec.DEFAULT.dims(), 16, 2, 32, 1, 8, 2, 4,
                PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.RELU);
        model = dir.resolve("small.zip");
        new ModelFile(EncoderWeights.random(config, 15), FeatureSpec.DEFAULT, LabelSet.DEFAULT,
                Provenance.untrained(15)).write(model);
        wav = dir.resolve("two-hours.wav");
        samples = LongWavFile.write(wav, FeatureSpec.DEFAULT.sampleRate(), SECONDS, 15);
    }

    @Test
    void aTwoHourFileIsLabelledFrameByFrameInASmallHeap() throws Exception {
        long expectedFrames = StreamingFeatureExtractor.frameCount(FeatureSpec.DEFAULT, samples);
        Path stderr = dir.resolve("label.err");
        Process child = childJvm(stderr, "label", "--input", wav.toString(), "--model", model.toString(), "--format",
                "csv", "--frames");
        long started = System.nanoTime();
        long rows = 0;
        String firstRow = null;
        String lastRow = null;
        boolean aliveAtFirstRow = false;
        double firstRowSeconds = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            out.readLine(); // the header
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (rows == 0) {
                    firstRowSeconds = (System.nanoTime() - started) / 1e9;
                    aliveAtFirstRow = child.isAlive();
                    firstRow = line;
                }
                lastRow = line;
                rows++;
            }
        }
        int exit = child.waitFor();
        double totalSeconds = (System.nanoTime() - started) / 1e9;
        String err = Files.readString(stderr);
        System.out.printf(Locale.ROOT, "long recording: %d frames in %.1f s, first row after %.1f s (heap %s)%n",
                rows, totalSeconds, firstRowSeconds, HEAP);
        assertEquals(0, exit, err);
        assertEquals(expectedFrames, rows, "one row per frame of " + SECONDS + " s");
        assertNotNull(firstRow);
        assertTrue(firstRow.startsWith("0,0.000,0.010,"), firstRow);
        assertTrue(lastRow.startsWith((expectedFrames - 1) + ","), lastRow);
        assertTrue(aliveAtFirstRow, "rows are printed while the file is still being read");
    }

    @Test
    void streamingModeSegmentsTileTheTwoHourFileInASmallHeap() throws Exception {
        long expectedFrames = StreamingFeatureExtractor.frameCount(FeatureSpec.DEFAULT, samples);
        Path stderr = dir.resolve("segments.err");
        Process child = childJvm(stderr, "label", "--input", wav.toString(), "--model", model.toString(), "--mode",
                "streaming");
        String end = "0.000";
        long segments = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] cols = line.split("\t");
                assertEquals(end, cols[0], "each segment starts where the last one ended: " + line);
                end = cols[1];
                segments++;
            }
        }
        assertEquals(0, child.waitFor(), Files.readString(stderr));
        assertTrue(segments > 1, "segments: " + segments);
        assertEquals(String.format(Locale.ROOT, "%.3f", expectedFrames / 100.0), end, "the last segment ends with"
                + " the last frame");
    }

    @Test
    void evalScoresTheTwoHourFileFrameByFrameInASmallHeap() throws Exception {
        StringBuilder labels = new StringBuilder(); // a minute of tone (music), a minute of noise, in turn
        for (int minute = 0; minute < SECONDS / 60; minute++) {
            labels.append(String.format(Locale.ROOT, "%d\t%d\t%s%n", 60 * minute, 60 * (minute + 1),
                    minute % 2 == 0 ? "music" : "noise"));
        }
        Path reference = Files.writeString(dir.resolve("two-hours.txt"), labels);
        Path stderr = dir.resolve("eval.err");
        Process child = childJvm(stderr, "eval", "--input", wav.toString(), "--labels", reference.toString(),
                "--model", model.toString(), "--out", dir.resolve("report").toString(), "--json");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), Files.readString(stderr));
        JsonNode frames = new ObjectMapper().readTree(out).get("frames");
        long expectedFrames = StreamingFeatureExtractor.frameCount(FeatureSpec.DEFAULT, samples);
        long boundaries = SECONDS / 60 - 1;
        assertEquals(expectedFrames, frames.get("total").asLong());
        assertEquals(0, frames.get("unlabelled").asLong());
        assertEquals(boundaries * 20, frames.get("in_collar").asLong(), "10 frames each side of every boundary");
        assertEquals(expectedFrames - boundaries * 20, frames.get("scored").asLong());
    }

    @Test
    void plottingTheLongFileIsRefusedWithOneLine() throws Exception {
        Path stderr = dir.resolve("plot.err");
        Process child = childJvm(stderr, "label", "--input", wav.toString(), "--model", model.toString(), "--plot",
                dir.resolve("long.png").toString());
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = child.waitFor();
        String err = Files.readString(stderr);
        assertEquals(TagstreamCommand.EXIT_BAD_INPUT, exit, err);
        assertEquals("", out);
        assertEquals("tagstream label: two-hours.wav: 120.0 minutes is too long to plot (--plot draws recordings of"
                + " at most 60 minutes); label it without --plot", err.strip());
        assertTrue(Files.notExists(dir.resolve("long.png")));
    }

    /**
     * {@code tagstream ARGS} in a new JVM with a small heap and this test's class path; its stderr goes to
     * {@code stderr} (a file, so that a chatty child never blocks on it).
     */
    private static Process childJvm(Path stderr, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), HEAP, PHYSICAL, "-cp", System.getProperty("java.class.path"),
                TagstreamCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderr.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder.start();
    }
}

package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.WavWriter;
import io.tagstream.model.Activation;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.LabelSet;
import io.tagstream.model.ModelFile;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import io.tagstream.model.Provenance;
import picocli.CommandLine;

class LabelCommandTest {

    @TempDir
    static Path dir;
    static Path model;
    static Path wav;
    static final int SAMPLES = 40_000; // 2.5 s

    @BeforeAll
    static void files() throws Exception {
        EncoderConfig config = new EncoderConfig(FeatureSpec.DEFAULT.dims(), 32, 2, 64, 2, 8, 1, 4,
                PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU);
        model = dir.resolve("random.zip");
        new ModelFile(EncoderWeights.random(config, 5), FeatureSpec.DEFAULT, LabelSet.DEFAULT,
                Provenance.untrained(5)).write(model);
        Random random = new Random(6);
        float[] x = new float[SAMPLES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((i / 8_000) % 2 == 0 ? 0.3 * Math.sin(i * 0.2) : 0.2 * random.nextGaussian());
        }
        wav = dir.resolve("take-1.wav");
        WavWriter.write(wav, x, 16_000);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine label = new CommandLine(new LabelCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
        label.setExecutionExceptionHandler(new TagstreamCommand.OneLineErrors());
        label.setParameterExceptionHandler(new TagstreamCommand.OneLineErrors());
        label.setErr(new PrintWriter(err, true));
        int exit = label.execute(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void audacitySegmentsTileTheRecording() {
        Result r = run("--input", wav.toString(), "--model", model.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(!lines.isEmpty());
        double end = 0;
        for (String line : lines) {
            String[] cols = line.split("\t");
            assertEquals(3, cols.length, line);
            assertEquals(end, Double.parseDouble(cols[0]), 1e-9, "segments tile: " + line);
            assertTrue(LabelSet.DEFAULT.names().contains(cols[2]), line);
            end = Double.parseDouble(cols[1]);
        }
        long frames = StreamingFeatureExtractor.frameCount(FeatureSpec.DEFAULT, SAMPLES);
        assertEquals(frames * 0.01, end, 1e-9, "the last segment ends with the last frame");
    }

    @Test
    void streamingAndOfflineGiveTheSameFrameProbabilities() {
        Result offline = run("--input", wav.toString(), "--model", model.toString(), "--frames", "--format", "csv");
        Result streaming = run("--input", wav.toString(), "--model", model.toString(), "--frames", "--format", "csv",
                "--mode", "streaming");
        List<String> a = offline.out().lines().toList();
        List<String> b = streaming.out().lines().toList();
        assertEquals(StreamingFeatureExtractor.frameCount(FeatureSpec.DEFAULT, SAMPLES) + 1, a.size(), "header + frames");
        assertEquals(a.size(), b.size());
        assertEquals("frame,start_s,end_s,label,p_silence,p_speech,p_music,p_noise", a.get(0));
        for (int i = 1; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            for (int k = 4; k < x.length; k++) {
                // printed with 5 decimals: 1e-4 (invariant 1) plus rounding of both values
                assertEquals(Double.parseDouble(x[k]), Double.parseDouble(y[k]), 1e-4 + 1e-5, "frame " + i);
            }
        }
    }

    @Test
    void jsonlFramesAreLabelRecords() {
        Result r = run("--input", wav.toString(), "--model", model.toString(), "--frames", "--format", "jsonl");
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("{\"stream\":\"take-1\",\"frame\":0,\"start_ms\":0,\"end_ms\":10,"), first);
    }

    @Test
    void badInputIsOneLineWithTheRightExitCode() throws Exception {
        Path junk = dir.resolve("junk.wav");
        Files.writeString(junk, "not a wav file at all");
        Result bad = run("--input", junk.toString(), "--model", model.toString());
        assertEquals(TagstreamCommand.EXIT_BAD_INPUT, bad.exit());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("junk.wav"), bad.err());

        Result format = run("--input", wav.toString(), "--model", model.toString(), "--format", "xml");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("--format must be audacity, jsonl or csv, got 'xml'"), format.err());

        Path brokenModel = dir.resolve("broken.zip");
        Files.write(brokenModel, new byte[] {'P', 'K', 3, 4, 0, 0});
        Result model = run("--input", wav.toString(), "--model", brokenModel.toString());
        assertEquals(TagstreamCommand.EXIT_BAD_INPUT, model.exit());
        assertEquals(1, model.err().strip().lines().count(), model.err());
        assertTrue(model.err().contains("broken.zip"), model.err());
    }
}

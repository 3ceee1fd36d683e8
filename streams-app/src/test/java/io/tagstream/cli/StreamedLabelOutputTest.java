package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.features.FeatureSpec;
import io.tagstream.model.Activation;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.LabelSet;
import io.tagstream.model.ModelFile;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import io.tagstream.model.Provenance;
import picocli.CommandLine;

/**
 * {@code tagstream label} streams the file (decoded a block at a time, offline windows or a stream state, rows as
 * they are known); {@code --plot} still labels the whole decoded recording at once, the path {@code label} took
 * before issue 15. Both print the same bytes, in every format and mode, for a 2-minute recording at 44.1 kHz (several
 * decode blocks, resampling, several offline windows).
 */
class StreamedLabelOutputTest {

    @TempDir
    static Path dir;
    static Path model;
    static Path wav;

    @BeforeAll
    static void files() throws Exception {
        EncoderConfig config = new EncoderConfig(FeatureSpec.DEFAULT.dims(), 32, 2, 64, 2, 64, 10, 4,
                PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.GELU);
        model = dir.resolve("random.zip");
        new ModelFile(EncoderWeights.random(config, 5), FeatureSpec.DEFAULT, LabelSet.DEFAULT,
                Provenance.untrained(5)).write(model);
        wav = dir.resolve("two-minutes.wav");
        LongWavFile.write(wav, 44_100, 120, 3);
    }

    @Test
    void streamedOutputEqualsTheWholeRecordingOutputInEveryFormatAndMode() {
        for (String mode : new String[] {"offline", "streaming"}) {
            for (String format : new String[] {"audacity", "jsonl", "csv"}) {
                for (boolean frames : new boolean[] {false, true}) {
                    String what = mode + " " + format + (frames ? " --frames" : "");
                    String streamed = run(what, mode, format, frames, null);
                    String whole = run(what, mode, format, frames, dir.resolve(mode + format + frames + ".png"));
                    long rows = streamed.lines().count();
                    assertTrue(rows >= (frames ? 11_998 : 4), what + ": " + rows);
                    assertEquals(whole, streamed, what);
                }
            }
        }
    }

    private static String run(String what, String mode, String format, boolean frames, Path plot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine label = new CommandLine(new LabelCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
        label.setExecutionExceptionHandler(new TagstreamCommand.OneLineErrors());
        label.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("--input", wav.toString(),
                "--model", model.toString(), "--mode", mode, "--format", format, "--min-segment-ms", "50"));
        if (frames) {
            args.add("--frames");
        }
        if (plot != null) {
            args.addAll(List.of("--plot", plot.toString()));
        }
        assertEquals(0, label.execute(args.toArray(new String[0])), what + ": " + err);
        return out.toString(StandardCharsets.UTF_8);
    }
}

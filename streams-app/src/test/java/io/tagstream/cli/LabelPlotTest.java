package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tagstream.features.WavWriter;
import io.tagstream.model.LabelSet;
import io.tagstream.plots.ClassPalette;
import io.tagstream.plots.RecordingPlot;
import io.tagstream.plots.TimeAxis;

/** {@code tagstream label --plot}: the picture of the labels the command prints. */
class LabelPlotTest {

    @TempDir
    static Path dir;
    static Path model;
    static Path wav;

    @BeforeAll
    static void files() throws Exception {
        model = RandomModelFile.write(dir.resolve("random.zip"), 5);
        float[] x = new float[64_000]; // 4 s: 1 s of silence, then a tone with a rising level
        for (int i = 16_000; i < x.length; i++) {
            x[i] = (float) (0.5 * i / x.length * Math.sin(i * 0.2));
        }
        wav = dir.resolve("tone.wav");
        WavWriter.write(wav, x, 16_000);
    }

    /**
     * {@code tagstream label ARGS} through the command line as {@link TagstreamCommand#main} runs it; the command
     * prints its labels to System.out, captured here.
     *
     * @param run    exit code and picocli's stdout and stderr
     * @param labels what the command printed on System.out
     */
    record LabelRun(TagstreamCommandTest.Run run, String labels) {
    }

    static LabelRun label(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String[] command = new String[args.length + 1];
            command[0] = "label";
            System.arraycopy(args, 0, command, 1, args.length);
            return new LabelRun(new TagstreamCommandTest.Run(command), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void thePlotShowsEachPrintedSegmentInItsLabelsColour() throws Exception {
        Path png = dir.resolve("plots").resolve("tone.png");
        LabelRun r = label("--input", wav.toString(), "--model", model.toString(), "--plot", png.toString(),
                "--min-segment-ms", "100");
        assertEquals(0, r.run().exitCode, r.run().err);
        assertLabelTrackMatches(png, r.labels().lines().toList(), 4.0);
        LabelRun plain = label("--input", wav.toString(), "--model", model.toString(), "--min-segment-ms", "100");
        assertEquals(plain.labels(), r.labels(), "--plot does not change the labels");
    }

    @Test
    void anUnwritablePlotIsAOneLineError() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        EvalCommandTest.assertOneLine(label("--input", wav.toString(), "--model", model.toString(), "--plot",
                file.resolve("p.png").toString()).run(), 3, "tagstream label: " + file.resolve("p.png")
                + ": cannot write the plot");
    }

    /**
     * The PNG has the plot's size, and in its label track the pixel at the middle of every segment (of Audacity
     * lines {@code start TAB end TAB label}) wider than a few pixels has that label's colour.
     *
     * @param audioSeconds the recording's length (the plot's time axis spans the audio, a little longer than the
     *                     frames the segments cover)
     */
    static void assertLabelTrackMatches(Path png, List<String> audacityLines, double audioSeconds) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO reads " + png);
        assertEquals(RecordingPlot.WIDTH, image.getWidth());
        assertEquals(RecordingPlot.HEIGHT, image.getHeight());
        TimeAxis axis = RecordingPlot.axisFor(audioSeconds);
        Rectangle track = RecordingPlot.labelTrack();
        ClassPalette palette = new ClassPalette(LabelSet.DEFAULT.names());
        int checked = 0;
        for (String line : audacityLines) {
            String[] cols = line.split("\t");
            double start = Double.parseDouble(cols[0]);
            double end = Double.parseDouble(cols[1]);
            if (axis.x(end) - axis.x(start) >= 6) {
                int x = axis.x((start + end) / 2);
                assertEquals(palette.color(LabelSet.DEFAULT.indexOf(cols[2])).getRGB(),
                        image.getRGB(x, track.y + track.height / 2), line);
                checked++;
            }
        }
        assertTrue(checked > 0, "some segment is wide enough to check: " + audacityLines);
    }
}

package io.tagstream.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.features.FeatureKind;
import io.tagstream.labels.LabelledRecording;
import io.tagstream.labels.SegmentPolicy;
import io.tagstream.labels.Segmenter;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recording picture: a readable PNG whose panels show the segments, probabilities and features given. */
class RecordingPlotTest {

    private static final List<String> LABELS = List.of("silence", "speech", "music", "noise");

    @TempDir
    Path dir;

    /**
     * 3 s at 16 kHz, 300 frames of 10 ms: frames 0-99 certainly silence, 100-199 speech, 200-299 music; feature band
     * 7 loud (0), every other band quiet (-20).
     */
    private static AnalysedRecording recording() {
        float[] samples = new float[48_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.5 * Math.sin(i * 0.5)); // a period of 12.6 samples
        }
        float[][] features = new float[300][40];   // [T][dims]
        float[][] probabilities = new float[300][4]; // [T][labels]
        for (int t = 0; t < 300; t++) {
            java.util.Arrays.fill(features[t], -20f);
            features[t][7] = 0f;
            probabilities[t][t / 100] = 1f;
        }
        LabelledRecording labels = new LabelledRecording(LABELS, 10.0, probabilities,
                new Segmenter(new SegmentPolicy(1, 0.0)).segmentAll(probabilities));
        return new AnalysedRecording("test.wav", samples, 16_000, features, FeatureKind.LOG_MEL, labels);
    }

    @Test
    void thePngHasTheDocumentedSize() throws Exception {
        Path png = dir.resolve("plot.png");
        new RecordingPlot(recording()).write(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image);
        assertEquals(RecordingPlot.WIDTH, image.getWidth());
        assertEquals(RecordingPlot.HEIGHT, image.getHeight());
    }

    @Test
    void theLabelTrackShowsEachSegmentInItsLabelsColour() {
        RecordingPlot plot = new RecordingPlot(recording());
        BufferedImage image = plot.render();
        Rectangle track = RecordingPlot.labelTrack();
        int y = track.y + track.height / 2;
        ClassPalette palette = plot.palette();
        // segment centres: 0.5 s silence, 1.5 s speech, 2.5 s music
        assertEquals(palette.color(0).getRGB(), image.getRGB(plot.timeAxis().x(0.5), y));
        assertEquals(palette.color(1).getRGB(), image.getRGB(plot.timeAxis().x(1.5), y));
        assertEquals(palette.color(2).getRGB(), image.getRGB(plot.timeAxis().x(2.5), y));
        assertEquals(new Color(0xff7f0e).getRGB(), palette.color(1).getRGB(), "speech is orange");
    }

    @Test
    void probabilitiesAreStackedAndTheLoudBandIsTheBrightest() {
        RecordingPlot plot = new RecordingPlot(recording());
        BufferedImage image = plot.render();
        Rectangle p = RecordingPlot.PROBABILITIES;
        // at 1.5 s speech has probability 1: the whole column is speech's colour, top to bottom
        int x = plot.timeAxis().x(1.5);
        assertEquals(plot.palette().color(1).getRGB(), image.getRGB(x, p.y + 2));
        assertEquals(plot.palette().color(1).getRGB(), image.getRGB(x, p.y + p.height - 2));
        Rectangle s = RecordingPlot.SPECTROGRAM;
        // band 7 of 40 from the bottom: rows [height - 8 * height / 40, height - 7 * height / 40)
        int loudRow = s.y + s.height - (int) Math.round(7.5 * s.height / 40);
        assertEquals(ColorRamp.VIRIDIS.color(1.0).getRGB(), image.getRGB(x, loudRow));
        assertEquals(ColorRamp.VIRIDIS.color(0.0).getRGB(), image.getRGB(x, s.y + 3), "quiet bands: lowest colour");
    }

    @Test
    void theWaveformEnvelopeSpansThePeak() {
        RecordingPlot plot = new RecordingPlot(recording());
        BufferedImage image = plot.render();
        Rectangle w = RecordingPlot.WAVEFORM;
        int x = plot.timeAxis().x(1.0);
        // a column (about 32 samples) holds more than two periods of the sine, whose peak fills the panel: the
        // envelope reaches within 3 % of the top and bottom (rows 3 and height - 4 of 110)
        assertEquals(WaveformPanel.ENVELOPE.getRGB(), image.getRGB(x, w.y + 3));
        assertEquals(WaveformPanel.ENVELOPE.getRGB(), image.getRGB(x, w.y + w.height - 4));
        assertEquals(Color.WHITE.getRGB(), image.getRGB(x, w.y - 10), "nothing above the panel");
    }

    @Test
    void timeAxisColumnsCoverTheirItems() {
        TimeAxis axis = new TimeAxis(10, 100, 2.0); // 20 ms per column
        assertEquals(10, axis.x(0));
        assertEquals(60, axis.x(1.0));
        assertEquals(new TimeAxis.Range(2, 4), axis.itemsUnder(1, 0.01, 200));   // [20, 40) ms: frames 2, 3
        assertEquals(new TimeAxis.Range(198, 200), axis.itemsUnder(99, 0.01, 200)); // [1.98, 2.00) s
        assertTrue(axis.itemsUnder(99, 0.01, 150).isEmpty(), "past the last frame");
        // 0.005 s frames under a 20 ms column: 4 of them
        assertEquals(new TimeAxis.Range(4, 8), axis.itemsUnder(1, 0.005, 400));
        // more columns than items: each column holds the item at its start
        assertEquals(new TimeAxis.Range(0, 1), new TimeAxis(0, 1000, 1.0).itemsUnder(5, 0.01, 100));
        assertEquals(0.2, axis.tickStep(), 1e-12);                      // 2 s / 12 -> 0.2 (10 ticks)
        assertEquals(10.0, new TimeAxis(0, 100, 100).tickStep(), 1e-12); // 100 s -> 10 (10 ticks)
        assertEquals(50.0, new TimeAxis(0, 100, 500).tickStep(), 1e-12);
    }

    @Test
    void colourRampsInterpolateBetweenAnchors() {
        ColorRamp ramp = new ColorRamp(List.of(new Color(0, 0, 0), new Color(200, 100, 0), new Color(200, 200, 200)));
        assertEquals(new Color(0, 0, 0), ramp.color(0));
        assertEquals(new Color(100, 50, 0), ramp.color(0.25));
        assertEquals(new Color(200, 100, 0), ramp.color(0.5));
        assertEquals(new Color(200, 200, 200), ramp.color(7));
        assertEquals(new Color(0, 0, 0), ramp.color(Double.NaN));
    }
}

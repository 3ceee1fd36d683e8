package io.tagstream.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The picture of a labelled recording ({@code tagstream label --plot}): from top to bottom the waveform, the model's
 * features (log-mel spectrogram), the label track and the stacked per-frame class probabilities, on one time axis in
 * seconds, with a legend of the label colours. {@link #WIDTH} x {@link #HEIGHT} pixels whatever the duration.
 */
public final class RecordingPlot {

    public static final int WIDTH = 1600;
    public static final int HEIGHT = 640;
    private static final int LEFT = 60;
    private static final int PLOT_WIDTH = WIDTH - LEFT - 30;
    static final Rectangle WAVEFORM = new Rectangle(LEFT, 48, PLOT_WIDTH, 110);
    static final Rectangle SPECTROGRAM = new Rectangle(LEFT, 180, PLOT_WIDTH, 180);
    static final Rectangle LABEL_TRACK = new Rectangle(LEFT, 382, PLOT_WIDTH, 36);
    static final Rectangle PROBABILITIES = new Rectangle(LEFT, 440, PLOT_WIDTH, 120);
    private static final int LEGEND_Y = 620;
    private static final int LEGEND_SPACING = 110;

    private final AnalysedRecording recording;
    private final ClassPalette palette;
    private final TimeAxis axis;

    public RecordingPlot(AnalysedRecording recording) {
        this.recording = recording;
        this.palette = new ClassPalette(recording.labels().labels());
        this.axis = axisFor(recording.seconds());
    }

    /** The time axis of the picture of a recording of {@code seconds}. */
    public static TimeAxis axisFor(double seconds) {
        return new TimeAxis(LEFT, PLOT_WIDTH, Math.max(seconds, 1e-3));
    }

    /** Where the label track is drawn (a copy). */
    public static Rectangle labelTrack() {
        return new Rectangle(LABEL_TRACK);
    }

    /** The shared time axis of the panels. */
    public TimeAxis timeAxis() {
        return axis;
    }

    /** The colours of the labels. */
    public ClassPalette palette() {
        return palette;
    }

    /** Writes the picture to {@code png} (atomically). */
    public void write(Path png) throws IOException {
        PngFile.write(render(), png);
    }

    /** The picture. */
    public BufferedImage render() {
        return PlotCanvas.draw(WIDTH, HEIGHT, g -> {
            g.drawString(String.format(Locale.ROOT, "%s: %.2f s, %d frames of %.0f ms", recording.name(),
                    recording.seconds(), recording.labels().frames(), recording.labels().hopMillis()), LEFT, 20);
            WaveformPanel.draw(g, WAVEFORM, axis, recording.samples(), recording.sampleRate());
            SpectrogramPanel.draw(g, SPECTROGRAM, axis, recording.features(), recording.hopSeconds(),
                    recording.kind());
            LabelTrackPanel.draw(g, LABEL_TRACK, axis, recording.labels(), palette);
            ProbabilityPanel.draw(g, PROBABILITIES, axis, recording.labels().probabilities(),
                    recording.hopSeconds(), palette);
            axis.draw(g, PROBABILITIES.y + PROBABILITIES.height);
            legend(g, recording.labels().labels());
        });
    }

    private void legend(Graphics2D g, List<String> labels) {
        for (int i = 0; i < labels.size(); i++) {
            int x = LEFT + i * LEGEND_SPACING;
            g.setColor(palette.color(i));
            g.fillRect(x, LEGEND_Y - 11, 14, 14);
            g.setColor(Color.BLACK);
            g.drawRect(x, LEGEND_Y - 11, 14, 14);
            g.drawString(labels.get(i), x + 20, LEGEND_Y);
        }
    }
}

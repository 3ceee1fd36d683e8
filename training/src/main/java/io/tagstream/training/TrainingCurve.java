package io.tagstream.training;

import io.tagstream.plots.PlotCanvas;
import io.tagstream.plots.PngFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The training curve as a PNG (plain java.awt, headless): losses per epoch on the left (train: class-weighted batch
 * loss; dev: cross-entropy), scores on the right (train accuracy, dev accuracy, dev macro F1, on 0..1).
 */
public final class TrainingCurve {

    static final int WIDTH = 960;
    static final int HEIGHT = 420;
    static final Color TRAIN_LOSS = new Color(0x1f77b4);
    static final Color DEV_LOSS = new Color(0xd62728);
    static final Color TRAIN_ACCURACY = new Color(0x1f77b4);
    static final Color DEV_ACCURACY = new Color(0xd62728);
    static final Color DEV_MACRO_F1 = new Color(0x2ca02c);
    private static final int MARGIN = 50;
    private static final int LEGEND_SPACING = 140;

    private TrainingCurve() {
    }

    /** One line of a panel. */
    private record Series(String name, Color color, ToDoubleFunction<EpochRecord> value) {
    }

    /** Writes the curve of {@code epochs} to {@code png} (atomically). */
    public static void write(List<EpochRecord> epochs, Path png) throws IOException {
        PngFile.write(render(epochs), png);
    }

    /** The image, {@link #WIDTH} x {@link #HEIGHT}. */
    static BufferedImage render(List<EpochRecord> epochs) {
        return PlotCanvas.draw(WIDTH, HEIGHT, g -> {
            double maxLoss = epochs.stream().mapToDouble(e -> Math.max(e.trainLoss(), e.devLoss())).max().orElse(1);
            panel(g, new Rectangle(MARGIN, 30, WIDTH / 2 - 2 * MARGIN, HEIGHT - 80), "loss", epochs,
                    Math.max(maxLoss * 1.1, 1e-3), List.of(
                            new Series("train (weighted)", TRAIN_LOSS, EpochRecord::trainLoss),
                            new Series("dev", DEV_LOSS, EpochRecord::devLoss)));
            panel(g, new Rectangle(WIDTH / 2 + MARGIN, 30, WIDTH / 2 - 2 * MARGIN, HEIGHT - 80), "scores", epochs, 1.0,
                    List.of(new Series("train accuracy", TRAIN_ACCURACY, EpochRecord::trainAccuracy),
                            new Series("dev accuracy", DEV_ACCURACY, EpochRecord::devAccuracy),
                            new Series("dev macro F1", DEV_MACRO_F1, EpochRecord::devMacroF1)));
        });
    }

    private static void panel(Graphics2D g, Rectangle area, String title, List<EpochRecord> epochs, double yMax,
                              List<Series> series) {
        g.setColor(Color.BLACK);
        g.drawString(title + " per epoch", area.x, area.y - 10);
        g.drawRect(area.x, area.y, area.width, area.height);
        for (int tick = 0; tick <= 4; tick++) {
            int y = area.y + area.height - tick * area.height / 4;
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(area.x + 1, y, area.x + area.width - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.2f", yMax * tick / 4), area.x - 40, y + 4);
        }
        int count = Math.max(1, epochs.size());
        for (int e = 1; e <= count; e += Math.max(1, count / 10)) {
            g.drawString(Integer.toString(e), x(area, e, count) - 3, area.y + area.height + 15);
        }
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            g.setColor(line.color());
            int previousX = -1;
            int previousY = -1;
            for (int e = 0; e < epochs.size(); e++) {
                int px = x(area, e + 1, count);
                double value = Math.max(0, Math.min(yMax, line.value().applyAsDouble(epochs.get(e))));
                int py = area.y + area.height - (int) Math.round(value / yMax * area.height);
                g.fillOval(px - 3, py - 3, 7, 7);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, px, py);
                }
                previousX = px;
                previousY = py;
            }
            int legendX = area.x + s * LEGEND_SPACING;
            int legendY = area.y + area.height + 32;
            g.drawLine(legendX, legendY - 4, legendX + 16, legendY - 4);
            g.drawString(line.name(), legendX + 20, legendY);
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** Pixel column of epoch {@code e} (1-based) of {@code count}. */
    private static int x(Rectangle area, int e, int count) {
        if (count == 1) {
            return area.x + area.width / 2;
        }
        return area.x + 10 + (int) Math.round((e - 1) * (area.width - 20.0) / (count - 1));
    }
}

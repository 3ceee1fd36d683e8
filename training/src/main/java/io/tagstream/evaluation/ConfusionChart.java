package io.tagstream.evaluation;

import io.tagstream.plots.ColorRamp;
import io.tagstream.plots.PlotCanvas;
import io.tagstream.plots.PngFile;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The confusion matrix as a heat map ({@code confusion.png}): one square cell per (reference row, predicted column),
 * coloured by the row-normalised share ({@link ColorRamp#BLUES}: 0 white, 1 the darkest blue) and labelled with the
 * count and the share in percent; label names on both axes.
 */
public final class ConfusionChart {

    static final int CELL = 120;
    static final int LEFT = 140;
    static final int TOP = 110;
    static final int RIGHT = 30;
    static final int BOTTOM = 50;
    private static final Color GRID = new Color(0x999999);

    private ConfusionChart() {
    }

    /** Size of the picture of a matrix of {@code labels} labels. */
    public static Dimension size(int labels) {
        return new Dimension(LEFT + labels * CELL + RIGHT, TOP + labels * CELL + BOTTOM);
    }

    /** Where the cell (reference row, predicted column) is drawn, border included. */
    public static Rectangle cell(int reference, int predicted) {
        return new Rectangle(LEFT + predicted * CELL, TOP + reference * CELL, CELL, CELL);
    }

    /** Writes the picture of {@code matrix}, headed by two lines of text, to {@code png} (atomically). */
    public static void write(ConfusionMatrix matrix, String title, String subtitle, Path png) throws IOException {
        PngFile.write(render(matrix, title, subtitle), png);
    }

    /** The picture, {@link #size} of the matrix. */
    public static BufferedImage render(ConfusionMatrix matrix, String title, String subtitle) {
        Dimension size = size(matrix.size());
        return PlotCanvas.draw(size.width, size.height, g -> {
            g.drawString(title, 10, 18);
            g.drawString(subtitle, 10, 36);
            g.drawString("rows: reference, columns: predicted; colour and %: share of the row", 10, 54);
            for (int r = 0; r < matrix.size(); r++) {
                for (int p = 0; p < matrix.size(); p++) {
                    cell(g, cell(r, p), matrix.count(r, p), matrix.share(r, p));
                }
            }
            axisLabels(g, matrix);
        });
    }

    private static void cell(Graphics2D g, Rectangle area, long count, double share) {
        g.setColor(ColorRamp.BLUES.color(share));
        g.fillRect(area.x, area.y, area.width, area.height);
        g.setColor(GRID);
        g.drawRect(area.x, area.y, area.width, area.height);
        g.setColor(!Double.isNaN(share) && share > 0.5 ? Color.WHITE : Color.BLACK);
        String percent = Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
        centred(g, Long.toString(count), area.x + area.width / 2, area.y + area.height / 2 - 4);
        centred(g, percent, area.x + area.width / 2, area.y + area.height / 2 + 14);
    }

    private static void axisLabels(Graphics2D g, ConfusionMatrix matrix) {
        g.setColor(Color.BLACK);
        g.drawString("reference", 10, TOP - 10);
        centred(g, "predicted", LEFT + matrix.size() * CELL / 2, TOP - 30);
        for (int c = 0; c < matrix.size(); c++) {
            String label = matrix.labels().get(c);
            centred(g, label, LEFT + c * CELL + CELL / 2, TOP - 10);
            g.drawString(label, LEFT - 10 - g.getFontMetrics().stringWidth(label), TOP + c * CELL + CELL / 2 + 5);
        }
    }

    private static void centred(Graphics2D g, String text, int x, int y) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
    }
}

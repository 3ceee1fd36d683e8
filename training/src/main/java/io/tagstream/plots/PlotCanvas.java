package io.tagstream.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * A blank picture to draw a plot on (plain java.awt, headless): white RGB image, anti-aliased text, 12 pt sans-serif.
 * Shapes are not anti-aliased, so filled areas keep their exact colours (tests read them back pixel by pixel).
 */
public final class PlotCanvas {

    /** The font every plot writes with. */
    public static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private PlotCanvas() {
    }

    /** A {@code width} x {@code height} white image that {@code painter} has drawn on. */
    public static BufferedImage draw(int width, int height, Consumer<Graphics2D> painter) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a plot needs a positive size, got " + width + " x " + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(FONT);
            g.setColor(Color.BLACK);
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return image;
    }
}

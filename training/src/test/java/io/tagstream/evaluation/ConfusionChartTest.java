package io.tagstream.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.plots.ColorRamp;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The confusion heat map: a readable PNG of the documented size whose cell colours follow the row shares. */
class ConfusionChartTest {

    @TempDir
    Path dir;

    @Test
    void aPerfectMatrixHasTheDarkestColourOnTheDiagonalOnly() throws Exception {
        ConfusionMatrix perfect = new ConfusionMatrix(ConfusionMatrixTest.FOUR, new long[][] {
            {50, 0, 0, 0}, {0, 40, 0, 0}, {0, 0, 30, 0}, {0, 0, 0, 20}});
        Path png = dir.resolve("confusion.png");
        ConfusionChart.write(perfect, "perfect", "every frame right", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO reads it");
        assertEquals(140 + 4 * 120 + 30, image.getWidth());
        assertEquals(110 + 4 * 120 + 50, image.getHeight());
        int darkest = ColorRamp.BLUES.color(1.0).getRGB();
        double diagonalLuminance = luminance(darkest);
        for (int r = 0; r < 4; r++) {
            for (int p = 0; p < 4; p++) {
                int rgb = cellColour(image, r, p);
                if (r == p) {
                    assertEquals(darkest, rgb, "diagonal cell " + r);
                } else {
                    assertEquals(Color.WHITE.getRGB(), rgb, "off-diagonal cell " + r + "," + p);
                    assertTrue(luminance(rgb) > diagonalLuminance);
                }
            }
        }
    }

    @Test
    void cellsAreColouredByTheirRowShare() {
        // row 0: 30 of 40 = 0.75 and 10 of 40 = 0.25; row 1: 0 and 5 of 5 = 1.0
        ConfusionMatrix m = new ConfusionMatrix(List.of("x", "y"), new long[][] {{30, 10}, {0, 5}});
        BufferedImage image = ConfusionChart.render(m, "t", "s");
        assertEquals(ColorRamp.BLUES.color(0.75).getRGB(), cellColour(image, 0, 0));
        assertEquals(ColorRamp.BLUES.color(0.25).getRGB(), cellColour(image, 0, 1));
        assertEquals(Color.WHITE.getRGB(), cellColour(image, 1, 0));
        assertEquals(ColorRamp.BLUES.color(1.0).getRGB(), cellColour(image, 1, 1));
        assertTrue(luminance(cellColour(image, 0, 0)) < luminance(cellColour(image, 0, 1)), "more is darker");
    }

    /** A pixel inside the cell, clear of its border and its text. */
    private static int cellColour(BufferedImage image, int reference, int predicted) {
        Rectangle cell = ConfusionChart.cell(reference, predicted);
        return image.getRGB(cell.x + 5, cell.y + 5);
    }

    private static double luminance(int rgb) {
        Color c = new Color(rgb);
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }
}

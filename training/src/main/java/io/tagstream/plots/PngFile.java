package io.tagstream.plots;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Writes an image as a PNG file atomically: a reader never sees a half-written picture. */
public final class PngFile {

    private PngFile() {
    }

    /** Writes {@code image} to {@code png} (replaced atomically if it exists; its directory must exist). */
    public static void write(BufferedImage image, Path png) throws IOException {
        Path target = png.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

package dev.qwen3vl.testing;

import dev.qwen3vl.input.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads the 8-bit RGB PNG fixtures through their raster (no colour management), independently of the project's
 * own image loader.
 */
public final class Pngs {

    private Pngs() {}

    /** An 8-bit RGB PNG as an {@link RgbImage}. */
    public static RgbImage readRgb(Path file) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (img == null) {
            throw new IllegalArgumentException("Not an image: " + file);
        }
        Raster r = img.getRaster();
        if (r.getNumBands() != 3 || r.getSampleModel().getSampleSize(0) != 8) {
            throw new IllegalArgumentException("Not an 8-bit RGB PNG: " + file);
        }
        byte[] rgb = new byte[img.getWidth() * img.getHeight() * 3];
        int[] px = new int[3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                r.getPixel(x, y, px);
                for (int c = 0; c < 3; c++) {
                    rgb[(y * img.getWidth() + x) * 3 + c] = (byte) px[c];
                }
            }
        }
        return new RgbImage(img.getWidth(), img.getHeight(), rgb);
    }
}

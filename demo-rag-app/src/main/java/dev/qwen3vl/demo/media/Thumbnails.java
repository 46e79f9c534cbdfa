package dev.qwen3vl.demo.media;

import dev.qwen3vl.input.RgbImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small PNG previews of images, rendered pages and video frames. */
public final class Thumbnails {

    /** Longest side of a thumbnail in pixels. */
    public static final int MAX_SIDE = 320;

    private Thumbnails() {
    }

    /**
     * A PNG thumbnail of an image: scaled so that its longer side is at most {@link #MAX_SIDE} (never enlarged).
     *
     * @param image the image
     * @return the PNG bytes
     */
    public static byte[] png(BufferedImage image) {
        return scaledPng(image, MAX_SIDE);
    }

    /**
     * A PNG of an image scaled so that its longer side is at most {@code maxSide} (never enlarged).
     *
     * @param image   the image
     * @param maxSide the longest side in pixels
     * @return the PNG bytes
     */
    public static byte[] scaledPng(BufferedImage image, int maxSide) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage thumb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return encodePng(thumb);
    }

    /**
     * A PNG thumbnail of an RGB image (a decoded image or video frame).
     *
     * @param image the image
     * @return the PNG bytes
     */
    public static byte[] png(RgbImage image) {
        return png(toBufferedImage(image));
    }

    /**
     * @param image an RGB image
     * @return the same pixels as a {@link BufferedImage}
     */
    public static BufferedImage toBufferedImage(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = image.rgb();
        int[] row = new int[image.width()];
        for (int y = 0; y < image.height(); y++) {
            int o = y * image.width() * 3;
            for (int x = 0; x < image.width(); x++, o += 3) {
                row[x] = (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
            }
            out.setRGB(0, y, image.width(), 1, row, 0, image.width());
        }
        return out;
    }

    /**
     * @param image an image
     * @return its PNG encoding
     */
    public static byte[] encodePng(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("No PNG writer available");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a PNG", e);
        }
    }
}

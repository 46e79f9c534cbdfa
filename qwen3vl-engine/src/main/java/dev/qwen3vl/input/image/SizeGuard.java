package dev.qwen3vl.input.image;

import java.util.Locale;

/** The checks on an image's declared size, made before its pixels are decoded. */
final class SizeGuard {

    private SizeGuard() {}

    /**
     * Rejects a zero size, more pixels than {@link ImageLimits#maxPixels()} and an aspect ratio above
     * {@link ImageLimits#maxAspectRatio()}.
     */
    static void check(long width, long height, ImageLimits limits, String description) {
        if (width <= 0 || height <= 0) {
            throw new InvalidImageException(description, "the image declares an empty size " + width + "x" + height);
        }
        long pixels = width * height;
        if (pixels > limits.maxPixels()) {
            throw new InvalidImageException(description, String.format(Locale.ROOT,
                    "the image declares %dx%d = %,d pixels, more than the limit of %,d (ImageLimits.maxPixels)",
                    width, height, pixels, limits.maxPixels()));
        }
        double ratio = (double) Math.max(width, height) / Math.min(width, height);
        if (ratio > limits.maxAspectRatio()) {
            throw new InvalidImageException(description, String.format(Locale.ROOT,
                    "the aspect ratio of the %dx%d image is %.1f, more than the limit of %s"
                            + " (ImageLimits.maxAspectRatio)",
                    width, height, ratio, trim(limits.maxAspectRatio())));
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

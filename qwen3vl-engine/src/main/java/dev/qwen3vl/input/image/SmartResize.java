package dev.qwen3vl.input.image;

/**
 * The target size of an image or video frame ({@code smart_resize} of qwen-vl-utils): both sides
 * a multiple of {@code factor}, the aspect ratio kept as well as possible, the pixel count inside
 * [{@code minPixels}, {@code maxPixels}].
 */
public final class SmartResize {

    /** Largest ratio of the longer to the shorter side that the reference accepts. */
    public static final int MAX_ASPECT_RATIO = 200;

    private SmartResize() {}

    /**
     * Target {height, width} for an image of {@code height}×{@code width}.
     *
     * @throws IllegalArgumentException if a side is not positive or the aspect ratio exceeds 200
     */
    public static int[] compute(int height, int width, int factor, long minPixels, long maxPixels) {
        return compute(height, width, factor, minPixels, (double) maxPixels);
    }

    /**
     * As {@link #compute(int, int, int, long, long)} with a fractional pixel limit, as the per-frame limit of a
     * video ({@code total_pixels / frames · 2} in {@code fetch_video}) can be: the limit enters the scale factor unrounded.
     */
    public static int[] compute(int height, int width, int factor, long minPixels, double maxPixels) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        double ratio = (double) Math.max(height, width) / Math.min(height, width);
        if (ratio > MAX_ASPECT_RATIO) {
            throw new IllegalArgumentException(String.format(
                    "Aspect ratio %.1f of a %dx%d image exceeds the limit of %d", ratio, width, height,
                    MAX_ASPECT_RATIO));
        }
        // Python round(): ties to even
        long hb = Math.max(factor, factor * (long) Math.rint((double) height / factor));
        long wb = Math.max(factor, factor * (long) Math.rint((double) width / factor));
        if (hb * wb > maxPixels) {
            double beta = Math.sqrt((double) height * width / maxPixels);
            hb = factor * (long) Math.floor(height / beta / factor);
            wb = factor * (long) Math.floor(width / beta / factor);
        } else if (hb * wb < minPixels) {
            double beta = Math.sqrt((double) minPixels / ((double) height * width));
            hb = factor * (long) Math.ceil(height * beta / factor);
            wb = factor * (long) Math.ceil(width * beta / factor);
        }
        return new int[] {(int) hb, (int) wb};
    }
}

package dev.qwen3vl.input.image;

import dev.qwen3vl.input.Patchifier;
import dev.qwen3vl.input.PixelPatches;
import dev.qwen3vl.input.RgbImage;
import java.util.Objects;

/**
 * The image input pipeline of the reference (qwen-vl-utils' {@code fetch_image}, then
 * {@code Qwen2VLImageProcessorFast}): load and convert to RGB ({@link ImageLoader}), pick
 * the target size with {@link SmartResize} (factor {@code patchSize × mergeSize}), resize with Pillow's
 * bicubic filter ({@link PillowBicubic}), then normalise and cut into patches ({@link Patchifier}).
 * Thread-safe.
 */
public final class ImagePreprocessor {

    private final ImageLoader loader;
    private final Patchifier patchifier;
    private final int factor;
    private final long minPixels;
    private final long maxPixels;

    /**
     * @param loader loads and converts the input
     * @param patchSize patch side in pixels (16)
     * @param temporalPatch frames per temporal patch (2)
     * @param mergeSize spatial merge size (2)
     * @param minPixels lower pixel-count bound of the resize (4,096)
     * @param maxPixels upper pixel-count bound of the resize (1,843,200)
     */
    public ImagePreprocessor(ImageLoader loader, int patchSize, int temporalPatch, int mergeSize, long minPixels,
            long maxPixels) {
        this.loader = Objects.requireNonNull(loader, "loader");
        if (patchSize <= 0 || temporalPatch <= 0 || mergeSize <= 0) {
            throw new IllegalArgumentException("patchSize, temporalPatch and mergeSize must be positive, got "
                    + patchSize + ", " + temporalPatch + ", " + mergeSize);
        }
        if (minPixels <= 0 || minPixels > maxPixels) {
            throw new IllegalArgumentException(
                    "Need 0 < minPixels <= maxPixels, got " + minPixels + " and " + maxPixels);
        }
        this.patchifier = new Patchifier(patchSize, temporalPatch, mergeSize);
        this.factor = patchSize * mergeSize;
        this.minPixels = minPixels;
        this.maxPixels = maxPixels;
    }

    /**
     * Qwen3-VL's geometry (patch 16, temporal patch 2, merge 2) with the resize bounds of the loader's
     * {@link ImageLimits} ({@code minPixels}, {@code maxResizedPixels}).
     */
    public ImagePreprocessor(ImageLoader loader) {
        this(loader, 16, 2, 2, loader.limits().minPixels(), loader.limits().maxResizedPixels());
    }

    /**
     * The vision tower's input for {@code source}: {@code pixel_values} and {@code grid_thw} (grid_t = 1).
     *
     * @throws InvalidImageException if the image cannot be loaded or resized
     */
    public PixelPatches preprocess(ImageSource source) {
        return patchifier.image(resized(source));
    }

    /**
     * The RGB image after the resize, as the reference hands it to the processor.
     *
     * @throws InvalidImageException if the image cannot be loaded or resized
     */
    public RgbImage resized(ImageSource source) {
        RgbImage rgb = loader.load(source);
        int[] hw;
        try {
            hw = SmartResize.compute(rgb.height(), rgb.width(), factor, minPixels, maxPixels);
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException(source.description(), e.getMessage(), e);
        }
        return PillowBicubic.resize(rgb, hw[1], hw[0]);
    }
}

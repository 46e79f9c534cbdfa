package dev.qwen3vl.input.image;

import dev.qwen3vl.input.RgbImage;
import java.io.IOException;

/** Encoded bytes → RGB: recognises the format by its signature and hands the bytes to that format's decoder. */
final class ImageDecoder {

    private ImageDecoder() {}

    /** Decodes {@code data}; every failure is an {@link InvalidImageException} naming {@code description}. */
    static RgbImage decode(byte[] data, ImageLimits limits, String description) {
        ImageFormat format = ImageFormat.detect(data);
        if (format == null) {
            throw new InvalidImageException(description,
                    "unrecognised or unsupported image format (supported: PNG, JPEG, GIF, BMP, WebP)");
        }
        try {
            return switch (format) {
                case PNG -> PngDecoder.decode(data, limits, description);
                case JPEG -> JpegDecoder.decode(data, limits, description);
                case GIF -> GifDecoder.decode(data, limits, description);
                case BMP -> BmpDecoder.decode(data, limits, description);
                case WEBP -> WebpDecoder.decode(data, limits, description);
            };
        } catch (InvalidImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException(description,
                    "the " + format + " data is truncated or corrupt (" + causes(e) + ")", e);
        }
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 300; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
        }
        return sb.toString();
    }
}

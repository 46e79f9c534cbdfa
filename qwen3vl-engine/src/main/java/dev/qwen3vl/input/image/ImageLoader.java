package dev.qwen3vl.input.image;

import dev.qwen3vl.input.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;

/**
 * Loads an {@link ImageSource} as the 8-bit RGB image the reference would see ({@code fetch_image}): PNG, JPEG, GIF
 * (first frame), BMP and WebP, recognised by their content; converted to RGB exactly as Pillow does (an
 * {@code RGBA} image composited over white, every other mode through {@code convert("RGB")}); no EXIF
 * orientation correction, no colour management.
 *
 * <p>Guards, all checked before pixels are decoded: the encoded size ({@link ImageLimits#maxBytes()}), the
 * size declared in the header ({@link ImageLimits#maxPixels()}, zero sizes,
 * {@link ImageLimits#maxAspectRatio()}), the format, and URL rules (fetching off by default, public addresses
 * only, timeout, redirects). Truncated files are refused rather than returned partly decoded. Every failure is
 * an {@link InvalidImageException} naming the input.
 *
 * <p>Thread-safe: a loader holds only its limits and, if URL fetching is allowed, one HTTP client.
 */
public final class ImageLoader {

    private final ImageLimits limits;
    private final UrlFetcher fetcher;

    /** A loader with {@link ImageLimits#defaults()}. */
    public ImageLoader() {
        this(ImageLimits.defaults());
    }

    /** A loader enforcing {@code limits}. */
    public ImageLoader(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.fetcher = limits.allowUrlFetch() ? new UrlFetcher(limits) : null;
    }

    /** The limits this loader enforces. */
    public ImageLimits limits() {
        return limits;
    }

    /**
     * The RGB image of {@code source}.
     *
     * @throws InvalidImageException if the input cannot be read, is not a supported image, is truncated or
     *     breaks one of the limits
     */
    public RgbImage load(ImageSource source) {
        Objects.requireNonNull(source, "source");
        String description = source.description();
        if (source.kind() == ImageSource.Kind.BUFFERED_IMAGE) {
            BufferedImage image = source.image();
            SizeGuard.check(image.getWidth(), image.getHeight(), limits, description);
            return PillowRgb.convert(image, new PillowRgb.Rule(true, true, -1), description);
        }
        return ImageDecoder.decode(encoded(source, description), limits, description);
    }

    /** The encoded bytes of a file, byte, data-URI or URL source, within {@code maxBytes}. */
    private byte[] encoded(ImageSource source, String description) {
        byte[] data = switch (source.kind()) {
            case PATH -> readFile(source.path(), description);
            case BYTES -> source.bytes();
            case DATA_URI -> decodeBase64(source.base64(), description);
            case URL -> download(source, description);
            case BUFFERED_IMAGE -> throw new IllegalStateException("not an encoded source");
        };
        checkBytes(data.length, description);
        return data;
    }

    private byte[] readFile(Path path, String description) {
        if (Files.isDirectory(path)) {
            throw new InvalidImageException(description, "is a directory, not an image file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] data = in.readNBytes((int) Math.min(limits.maxBytes() + 1, Integer.MAX_VALUE - 8));
            checkBytes(data.length, description);
            return data;
        } catch (NoSuchFileException e) {
            throw new InvalidImageException(description, "no such file", e);
        } catch (IOException e) {
            throw new InvalidImageException(description, "cannot read the file (" + e + ")", e);
        }
    }

    private byte[] decodeBase64(String base64, String description) {
        // base64 takes 4 characters for 3 bytes, plus any line breaks: twice the limit is a safe bound before decoding
        if (base64.length() > 2 * limits.maxBytes() + 16) {
            checkBytes(base64.length() / 4L * 3, description);
        }
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException(description, "invalid base64 data (" + e.getMessage() + ")", e);
        }
    }

    private byte[] download(ImageSource source, String description) {
        if (fetcher == null) {
            throw new InvalidImageException(description, "downloading images from URLs is disabled; enable it with"
                    + " ImageLimits.builder().allowUrlFetch(true) (and only for URLs you trust to fetch)");
        }
        return fetcher.fetch(source.url(), description);
    }

    private void checkBytes(long length, String description) {
        if (length > limits.maxBytes()) {
            throw new InvalidImageException(description, "the encoded image is larger than the limit of "
                    + limits.maxBytes() + " bytes (ImageLimits.maxBytes)");
        }
    }
}

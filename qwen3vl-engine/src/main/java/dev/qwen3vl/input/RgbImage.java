package dev.qwen3vl.input;

import java.util.Objects;

/**
 * An 8-bit RGB image, row-major with interleaved channels: the byte of channel {@code c} at row {@code y},
 * column {@code x} is {@code rgb[(y * width + x) * 3 + c]}.
 *
 * @param width columns
 * @param height rows
 * @param rgb {@code height * width * 3} bytes (read as unsigned)
 */
public record RgbImage(int width, int height, byte[] rgb) {

    /** Checks that the buffer matches the size. */
    public RgbImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException(
                    "An RGB image of " + width + "x" + height + " needs " + (long) width * height * 3 + " bytes, got "
                            + rgb.length);
        }
    }

    /** The unsigned value (0..255) of channel {@code c} at ({@code x}, {@code y}). */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}

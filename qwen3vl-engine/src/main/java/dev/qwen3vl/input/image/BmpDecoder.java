package dev.qwen3vl.input.image;

import dev.qwen3vl.input.RgbImage;
import java.io.IOException;
import java.util.List;

/**
 * BMP → RGB as Pillow reads it: 1/4/8-bit images are palette images, 16/24/32-bit images are RGB (any
 * fourth byte ignored), except 32-bit {@code BI_BITFIELDS} images whose masks include alpha, which Pillow
 * opens as {@code RGBA} (composited over white). Layouts Pillow refuses (unknown header sizes, JPEG/PNG
 * payloads, other bit-field masks) are refused too.
 */
final class BmpDecoder {

    private static final int BI_BITFIELDS = 3;
    private static final List<Integer> HEADER_SIZES = List.of(12, 40, 52, 56, 64, 108, 124);
    private static final List<List<Long>> RGB_MASKS_32 = List.of(
            List.of(0xFF0000L, 0xFF00L, 0xFFL, 0L),
            List.of(0xFF000000L, 0xFF0000L, 0xFF00L, 0L),
            List.of(0xFF000000L, 0xFF00L, 0xFFL, 0L));
    private static final List<List<Long>> RGBA_MASKS_32 = List.of(
            List.of(0xFF000000L, 0xFF0000L, 0xFF00L, 0xFFL),
            List.of(0xFFL, 0xFF00L, 0xFF0000L, 0xFF000000L),
            List.of(0xFF0000L, 0xFF00L, 0xFFL, 0xFF000000L),
            List.of(0xFF000000L, 0xFF00L, 0xFFL, 0xFF0000L));
    private static final List<List<Long>> MASKS_24 = List.of(List.of(0xFF0000L, 0xFF00L, 0xFFL));
    private static final List<List<Long>> MASKS_16 =
            List.of(List.of(0xF800L, 0x7E0L, 0x1FL), List.of(0x7C00L, 0x3E0L, 0x1FL));

    private BmpDecoder() {}

    static RgbImage decode(byte[] data, ImageLimits limits, String description) throws IOException {
        boolean rgba = pillowRgba(data, description);
        try (ReaderSession session = ReaderSession.open(ImageFormat.BMP, data)) {
            SizeGuard.check(session.width(), session.height(), limits, description);
            return PillowRgb.convert(session.reader().read(0), new PillowRgb.Rule(rgba, false, -1), description);
        }
    }

    /** Whether Pillow opens this BMP as RGBA; refuses the layouts Pillow refuses. */
    private static boolean pillowRgba(byte[] d, String description) {
        long headerSize = u32(d, 14);
        if (!HEADER_SIZES.contains((int) headerSize)) {
            throw new InvalidImageException(description, "unsupported BMP header size " + headerSize);
        }
        if (d.length < 14 + headerSize) {
            throw new InvalidImageException(description, "truncated BMP header");
        }
        // the JDK's reader sizes arrays from these fields without checking them against the file
        long pixelOffset = u32(d, 10);
        if (pixelOffset < 14 + headerSize || pixelOffset > d.length) {
            throw new InvalidImageException(description, "the BMP pixel data offset " + pixelOffset
                    + " is outside the file (" + d.length + " bytes, header ends at " + (14 + headerSize) + ")");
        }
        if (headerSize == 12) {
            return false;
        }
        long coloursUsed = u32(d, 46);
        if (coloursUsed * 4 > d.length) {
            throw new InvalidImageException(description, "the BMP header declares " + coloursUsed
                    + " palette colours, more than the file's " + d.length + " bytes can hold");
        }
        int bits = u16(d, 28);
        long compression = u32(d, 30);
        if (compression > BI_BITFIELDS) {
            throw new InvalidImageException(description, "unsupported BMP compression " + compression);
        }
        if (compression != BI_BITFIELDS) {
            return false;
        }
        if (d.length < 66) {
            throw new InvalidImageException(description, "truncated BMP bit-field masks");
        }
        List<Long> rgb = List.of(u32(d, 54), u32(d, 58), u32(d, 62));
        long alpha = headerSize >= 56 ? u32(d, 66) : 0;
        List<Long> rgbaMasks = List.of(rgb.get(0), rgb.get(1), rgb.get(2), alpha);
        boolean supported = switch (bits) {
            case 32 -> RGB_MASKS_32.contains(rgbaMasks) || RGBA_MASKS_32.contains(rgbaMasks);
            case 24 -> MASKS_24.contains(rgb);
            case 16 -> MASKS_16.contains(rgb);
            default -> false;
        };
        if (!supported) {
            throw new InvalidImageException(description, String.format(
                    "unsupported BMP bit-field layout (%d bits, masks %08x %08x %08x %08x)",
                    bits, rgb.get(0), rgb.get(1), rgb.get(2), alpha));
        }
        return bits == 32 && RGBA_MASKS_32.contains(rgbaMasks);
    }

    private static int u16(byte[] d, int i) {
        return (d[i] & 0xff) | ((d[i + 1] & 0xff) << 8);
    }

    private static long u32(byte[] d, int i) {
        return (d[i] & 0xffL) | ((d[i + 1] & 0xffL) << 8) | ((d[i + 2] & 0xffL) << 16) | ((d[i + 3] & 0xffL) << 24);
    }
}

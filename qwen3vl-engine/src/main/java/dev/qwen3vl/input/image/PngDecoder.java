package dev.qwen3vl.input.image;

import dev.qwen3vl.input.RgbImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * PNG → RGB as Pillow reads it. Pillow's mode follows the IHDR colour type and bit depth: colour type 6
 * (RGBA) and 16-bit grey+alpha are {@code RGBA} (composited over white); 8-bit grey+alpha is {@code LA}
 * (alpha dropped); 16-bit grey is {@code I;16} (saturated at 255); palette images are {@code P} (looked up,
 * transparency ignored); a {@code tRNS} colour key on grey or RGB images is ignored.
 */
final class PngDecoder {

    private static final int COLOUR_GREY = 0;
    private static final int COLOUR_PALETTE = 3;
    private static final int COLOUR_GREY_ALPHA = 4;
    private static final int COLOUR_RGBA = 6;

    private PngDecoder() {}

    static RgbImage decode(byte[] data, ImageLimits limits, String description) throws IOException {
        Header header = Header.parse(data, description);
        SizeGuard.check(header.width, header.height, limits, description);
        try (ReaderSession session = ReaderSession.open(ImageFormat.PNG, data)) {
            SizeGuard.check(session.width(), session.height(), limits, description);
            boolean rgba = header.colourType == COLOUR_RGBA
                    || (header.colourType == COLOUR_GREY_ALPHA && header.bitDepth == 16);
            PillowRgb.Rule rule = new PillowRgb.Rule(
                    rgba,
                    header.colourType == COLOUR_GREY && header.bitDepth == 16,
                    header.colourType == COLOUR_PALETTE ? header.paletteEntries : -1);
            return PillowRgb.convert(session.reader().read(0), rule, description);
        }
    }

    /** The IHDR fields and the PLTE size, read from the chunk list without decoding anything. */
    private static final class Header {
        long width;
        long height;
        int bitDepth;
        int colourType;
        int paletteEntries = -1;

        static Header parse(byte[] d, String description) {
            if (d.length < 33 || !type(d, 12).equals("IHDR") || uint(d, 8) != 13) {
                throw new InvalidImageException(description, "malformed PNG: it does not start with an IHDR chunk");
            }
            Header h = new Header();
            h.width = uint(d, 16);
            h.height = uint(d, 20);
            h.bitDepth = d[24] & 0xff;
            h.colourType = d[25] & 0xff;
            long pos = 8;
            while (pos + 8 <= d.length) {
                long length = uint(d, (int) pos);
                String type = type(d, (int) pos + 4);
                if (type.equals("IDAT") || type.equals("IEND")) {
                    break;
                }
                if (type.equals("PLTE")) {
                    h.paletteEntries = (int) Math.min(length / 3, 256);
                }
                pos += 12 + length;
            }
            return h;
        }

        private static long uint(byte[] d, int i) {
            return ((long) (d[i] & 0xff) << 24) | ((d[i + 1] & 0xff) << 16) | ((d[i + 2] & 0xff) << 8)
                    | (d[i + 3] & 0xff);
        }

        private static String type(byte[] d, int i) {
            return new String(d, i, 4, StandardCharsets.ISO_8859_1);
        }
    }
}

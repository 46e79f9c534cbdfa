package dev.qwen3vl.input.image;

import dev.qwen3vl.input.RgbImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * WebP → RGB as Pillow (libwebp) reads it: {@code RGBA}, composited over white, when libwebp reports alpha
 * (the VP8X alpha flag, an ALPH chunk, or the VP8L alpha bit), else {@code RGB}. Decoded by TwelveMonkeys:
 * lossless WebP is exact; lossy WebP is decoded without libwebp's "fancy" chroma upsampling, so it differs
 * from the reference (about 5 levels on average, up to a few tens at sharp colour edges, on a q80 test file).
 * Animated WebP is refused, and so is a file shorter than its RIFF header declares (the decoder would
 * silently return a partial image).
 */
final class WebpDecoder {

    private static final int VP8X_ALPHA = 0x10;
    private static final int VP8X_ANIMATION = 0x02;

    private WebpDecoder() {}

    static RgbImage decode(byte[] data, ImageLimits limits, String description) throws IOException {
        boolean alpha = inspect(data, description);
        try (ReaderSession session = ReaderSession.open(ImageFormat.WEBP, data)) {
            SizeGuard.check(session.width(), session.height(), limits, description);
            java.awt.image.BufferedImage image;
            try {
                image = session.reader().read(0);
            } catch (IndexOutOfBoundsException e) {
                // the lossless decoder follows a backward reference or colour-cache index without checking it
                throw new InvalidImageException(description, "corrupt WebP data: the compressed stream refers to"
                        + " pixels or colours outside the image", e);
            }
            return PillowRgb.convert(image, new PillowRgb.Rule(alpha, false, -1), description);
        }
    }

    /** Checks the RIFF container and returns whether libwebp would report alpha. */
    private static boolean inspect(byte[] d, String description) {
        long riffEnd = 8 + u32(d, 4);
        if (riffEnd > d.length) {
            throw new InvalidImageException(description, "truncated WebP data: the RIFF header declares "
                    + riffEnd + " bytes, only " + d.length + " present");
        }
        boolean alpha = false;
        long pos = 12;
        while (pos + 8 <= riffEnd) {
            String type = new String(d, (int) pos, 4, StandardCharsets.ISO_8859_1);
            long size = u32(d, (int) pos + 4);
            long payload = pos + 8;
            if (payload + size > riffEnd) {
                throw new InvalidImageException(description,
                        "truncated WebP data: chunk " + type.strip() + " runs past the end of the file");
            }
            switch (type) {
                case "VP8X" -> {
                    int flags = size > 0 ? d[(int) payload] & 0xff : 0;
                    if ((flags & VP8X_ANIMATION) != 0) {
                        throw new InvalidImageException(description, "animated WebP is not supported");
                    }
                    alpha |= (flags & VP8X_ALPHA) != 0;
                }
                case "ALPH" -> alpha = true;
                case "VP8L" -> {
                    if (size >= 5) {
                        alpha |= ((d[(int) payload + 4] >> 4) & 1) != 0;
                    }
                }
                default -> { }
            }
            pos = payload + size + (size & 1);
        }
        return alpha;
    }

    private static long u32(byte[] d, int i) {
        return (d[i] & 0xffL) | ((d[i + 1] & 0xffL) << 8) | ((d[i + 2] & 0xffL) << 16) | ((d[i + 3] & 0xffL) << 24);
    }
}

package dev.qwen3vl.input.image;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/** The encoded formats the loader decodes, recognised by their signature bytes (never by name or media type). */
enum ImageFormat {
    PNG("png"),
    JPEG("jpeg"),
    GIF(null),
    BMP("bmp"),
    WEBP("webp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    /** The format of {@code data}, or null if it is none of the supported ones. */
    static ImageFormat detect(byte[] data) {
        if (startsWith(data, 0, PNG_SIGNATURE)) {
            return PNG;
        }
        if (data.length >= 3 && (data[0] & 0xff) == 0xff && (data[1] & 0xff) == 0xd8 && (data[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (startsWith(data, 0, ascii("GIF87a")) || startsWith(data, 0, ascii("GIF89a"))) {
            return GIF;
        }
        if (startsWith(data, 0, ascii("BM")) && data.length >= 26) {
            return BMP;
        }
        if (startsWith(data, 0, ascii("RIFF")) && startsWith(data, 8, ascii("WEBP"))) {
            return WEBP;
        }
        return null;
    }

    /**
     * A new reader: the JDK's own plugin for PNG, JPEG and BMP (not whichever plugin another library put first in
     * the ImageIO registry, since decoding details differ), TwelveMonkeys for WebP. GIF has none: it is decoded
     * by {@link GifDecoder}.
     */
    ImageReader newReader() {
        if (imageIoName == null) {
            throw new IllegalStateException(this + " is not decoded through ImageIO");
        }
        try {
            if (this == WEBP) {
                return new WebPImageReaderSpi().createReaderInstance();
            }
            ImageReader fallback = null;
            for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(imageIoName); it.hasNext(); ) {
                ImageReader r = it.next();
                if (r.getClass().getName().startsWith("com.sun.imageio.plugins.")) {
                    if (fallback != null) {
                        fallback.dispose();
                    }
                    return r;
                }
                if (fallback == null) {
                    fallback = r;
                } else {
                    r.dispose();
                }
            }
            if (fallback == null) {
                throw new IllegalStateException("No ImageIO reader for " + imageIoName);
            }
            return fallback;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (data.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

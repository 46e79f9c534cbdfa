package dev.qwen3vl.input.image;

import dev.qwen3vl.input.RgbImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes small PNG, GIF and BMP files byte by byte, so that a test controls every header field (colour type,
 * bit depth, palette, transparency, frame placement, bit masks) and knows the pixel values by construction.
 * Also reads the binary PPM/PGM files written by the reference tools (djpeg, dwebp).
 */
final class EncodedImages {

    private EncodedImages() {}

    /**
     * A PNG with the given IHDR fields and already packed scanlines (without filter bytes).
     *
     * @param rows one byte array per row, packed as the PNG specification says for the colour type and depth
     * @param plte palette bytes (RGB triples) or null
     * @param trns tRNS chunk contents or null
     */
    static byte[] png(int width, int height, int bitDepth, int colourType, byte[][] rows, byte[] plte, byte[] trns) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (byte[] row : rows) {
            raw.write(0);
            raw.write(row, 0, row.length);
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            idat.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", be32(width), be32(height), new byte[] {(byte) bitDepth, (byte) colourType, 0, 0, 0});
        if (plte != null) {
            chunk(out, "PLTE", plte);
        }
        if (trns != null) {
            chunk(out, "tRNS", trns);
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND");
        return out.toByteArray();
    }

    /** Big-endian 16-bit samples as bytes. */
    static byte[] be16(int... samples) {
        byte[] b = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            b[2 * i] = (byte) (samples[i] >> 8);
            b[2 * i + 1] = (byte) samples[i];
        }
        return b;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        byte[] b = body.toByteArray();
        out.writeBytes(be32(b.length - 4));
        out.writeBytes(b);
        CRC32 crc = new CRC32();
        crc.update(b);
        out.writeBytes(be32((int) crc.getValue()));
    }

    static byte[] be32(int v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    /**
     * A GIF89a with one frame of 8-bit indices at ({@code left}, {@code top}) on a logical screen, a global
     * palette of 256 entries, and a graphic control extension when {@code transparent >= 0}. The LZW data
     * uses literal codes only (a clear code every 250 pixels keeps the code width at 9 bits).
     */
    static byte[] gif(int screenWidth, int screenHeight, byte[] palette256, int left, int top, int width,
            int height, byte[] indices, int transparent) {
        return gif(screenWidth, screenHeight, palette256, left, top, width, height, indices, transparent, false);
    }

    /** As above; when {@code interlaced}, the rows are stored in the four interlace passes. */
    static byte[] gif(int screenWidth, int screenHeight, byte[] palette256, int left, int top, int width,
            int height, byte[] indices, int transparent, boolean interlaced) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le16(screenWidth));
        out.writeBytes(le16(screenHeight));
        out.write(0xF7); // global colour table of 2^(7+1) entries, 8 bits of colour resolution
        out.write(0);
        out.write(0);
        out.writeBytes(palette256);
        if (transparent >= 0) {
            out.writeBytes(bytes(0x21, 0xF9, 4, 0x01, 0, 0, transparent, 0));
        }
        out.write(0x2C);
        out.writeBytes(le16(left));
        out.writeBytes(le16(top));
        out.writeBytes(le16(width));
        out.writeBytes(le16(height));
        out.write(interlaced ? 0x40 : 0);
        out.write(8); // LZW minimum code size
        int[] order = new int[height];
        int rowCount = 0;
        if (interlaced) {
            int[][] passes = {{0, 8}, {4, 8}, {2, 4}, {1, 2}};
            for (int[] pass : passes) {
                for (int y = pass[0]; y < height; y += pass[1]) {
                    order[rowCount++] = y;
                }
            }
        } else {
            for (int y = 0; y < height; y++) {
                order[rowCount++] = y;
            }
        }
        BitWriter bits = new BitWriter();
        int written = 0;
        for (int y : order) {
            for (int x = 0; x < width; x++) {
                if (written++ % 250 == 0) {
                    bits.write(256, 9);
                }
                bits.write(indices[y * width + x] & 0xff, 9);
            }
        }
        bits.write(257, 9);
        byte[] lzw = bits.toByteArray();
        for (int i = 0; i < lzw.length; i += 255) {
            int blockSize = Math.min(255, lzw.length - i);
            out.write(blockSize);
            out.write(lzw, i, blockSize);
        }
        out.write(0);
        out.write(0x3B);
        return out.toByteArray();
    }

    /**
     * A 32-bit BI_BITFIELDS BMP with a BITMAPV3INFOHEADER (56 bytes, so with an alpha mask), top-down rows of
     * little-endian pixels {@code pixels[y * width + x]}.
     */
    static byte[] bmp32(int width, int height, long rMask, long gMask, long bMask, long aMask, long[] pixels) {
        return bmp(width, height, 32, 56, new long[] {rMask, gMask, bMask, aMask}, pixels);
    }

    /** A 16-bit BI_BITFIELDS BMP with a 40-byte header followed by the three colour masks. */
    static byte[] bmp16(int width, int height, long rMask, long gMask, long bMask, long[] pixels) {
        return bmp(width, height, 16, 40, new long[] {rMask, gMask, bMask}, pixels);
    }

    private static byte[] bmp(int width, int height, int bits, int headerSize, long[] masks, long[] pixels) {
        int bytesPerPixel = bits / 8;
        int stride = (width * bytesPerPixel + 3) & ~3;
        int offset = 14 + 40 + masks.length * 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("BM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(offset + (long) stride * height));
        out.writeBytes(le32(0));
        out.writeBytes(le32(offset));
        out.writeBytes(le32(headerSize));
        out.writeBytes(le32(width));
        out.writeBytes(le32(-height)); // top-down
        out.writeBytes(le16(1));
        out.writeBytes(le16(bits));
        out.writeBytes(le32(3)); // BI_BITFIELDS
        out.writeBytes(le32((long) stride * height));
        out.writeBytes(le32(2835));
        out.writeBytes(le32(2835));
        out.writeBytes(le32(0));
        out.writeBytes(le32(0));
        for (long m : masks) {
            out.writeBytes(le32(m));
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                long p = pixels[y * width + x];
                for (int k = 0; k < bytesPerPixel; k++) {
                    out.write((int) (p >> (8 * k)));
                }
            }
            for (int k = width * bytesPerPixel; k < stride; k++) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    /** A binary PPM (P6, RGB) or PGM (P5, grey replicated to RGB) file with maxval 255. */
    static RgbImage readNetpbm(Path file) {
        try {
            byte[] d = Files.readAllBytes(file);
            int[] pos = {2};
            boolean grey = d[1] == '5';
            int w = Integer.parseInt(token(d, pos));
            int h = Integer.parseInt(token(d, pos));
            int max = Integer.parseInt(token(d, pos));
            if (max != 255 || (d[0] != 'P' || (d[1] != '5' && d[1] != '6'))) {
                throw new IllegalArgumentException("Not an 8-bit binary PPM/PGM: " + file);
            }
            int start = pos[0] + 1;
            byte[] rgb = new byte[w * h * 3];
            for (int i = 0; i < w * h; i++) {
                for (int c = 0; c < 3; c++) {
                    rgb[i * 3 + c] = grey ? d[start + i] : d[start + i * 3 + c];
                }
            }
            return new RgbImage(w, h, rgb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(byte[] d, int[] pos) {
        while (Character.isWhitespace(d[pos[0]])) {
            pos[0]++;
        }
        int s = pos[0];
        while (!Character.isWhitespace(d[pos[0]])) {
            pos[0]++;
        }
        return new String(d, s, pos[0] - s, StandardCharsets.US_ASCII);
    }

    /** LSB-first bit packing, as GIF's LZW stream uses. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int n;

        void write(int code, int width) {
            acc |= (long) code << n;
            n += width;
            while (n >= 8) {
                out.write((int) (acc & 0xff));
                acc >>>= 8;
                n -= 8;
            }
        }

        byte[] toByteArray() {
            if (n > 0) {
                out.write((int) (acc & 0xff));
                acc = 0;
                n = 0;
            }
            return out.toByteArray();
        }
    }
}

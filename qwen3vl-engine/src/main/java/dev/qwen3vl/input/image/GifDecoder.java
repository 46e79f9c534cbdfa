package dev.qwen3vl.input.image;

import dev.qwen3vl.input.RgbImage;

/**
 * The first frame of a GIF → RGB as Pillow reads it, decoded here rather than by ImageIO (whose GIF reader
 * loses rows of interlaced images 2 to 4 rows high, JDK 17).
 *
 * <p>Pillow's rules: a palette image ({@code P}, transparency ignored) the size of the logical screen, grown to
 * hold the frame if it sticks out; the area outside the frame filled with the frame's transparent index if it
 * has one, else index 0; the frame's local palette, else the global one; with no palette at all the indices
 * are grey levels; indices past the palette give black. The LZW decoding follows Pillow's decoder: a frame
 * whose data ends (end code, or end of the data) before its last row is complete is refused as truncated,
 * and so are invalid codes.
 */
final class GifDecoder {

    private static final int MAX_CODES = 4096;
    private static final int MAX_CODE_BITS = 12;

    private GifDecoder() {}

    static RgbImage decode(byte[] data, ImageLimits limits, String description) {
        Cursor in = new Cursor(data, description);
        in.skip(6);
        int screenWidth = in.u16();
        int screenHeight = in.u16();
        int flags = in.u8();
        in.skip(2);
        byte[] palette = (flags & 0x80) != 0 ? in.bytes(3 << ((flags & 7) + 1)) : null;
        int transparent = -1;
        while (true) {
            int tag = in.u8();
            if (tag == ';') {
                throw new InvalidImageException(description, "the GIF contains no image");
            }
            if (tag == '!') {
                int label = in.u8();
                int size = in.u8();
                byte[] block = in.bytes(size);
                if (label == 0xF9 && size >= 4 && (block[0] & 1) != 0) {
                    transparent = block[3] & 0xff;
                }
                while ((size = in.u8()) != 0) {
                    in.skip(size);
                }
            } else if (tag == ',') {
                break;
            }
        }
        int left = in.u16();
        int top = in.u16();
        int frameWidth = in.u16();
        int frameHeight = in.u16();
        int frameFlags = in.u8();
        if ((frameFlags & 0x80) != 0) {
            palette = in.bytes(3 << ((frameFlags & 7) + 1));
        }
        int width = Math.max(screenWidth, left + frameWidth);
        int height = Math.max(screenHeight, top + frameHeight);
        SizeGuard.check(width, height, limits, description);
        SizeGuard.check(frameWidth, frameHeight, limits, description);

        int codeBits = in.u8();
        byte[] indices = new byte[frameWidth * frameHeight];
        decodeLzw(in, codeBits, frameWidth, frameHeight, (frameFlags & 0x40) != 0, indices, description);
        return toRgb(indices, frameWidth, frameHeight, left, top, width, height, Math.max(transparent, 0),
                lut(palette));
    }

    /** Pillow's GIF LZW decoder, writing rows in interlaced order when asked. */
    private static void decodeLzw(Cursor in, int bits, int width, int height, boolean interlaced, byte[] out,
            String description) {
        if (bits > MAX_CODE_BITS) {
            throw new InvalidImageException(description, "invalid GIF LZW code size " + bits);
        }
        int clear = 1 << bits;
        int end = clear + 1;
        int[] link = new int[MAX_CODES];
        byte[] suffix = new byte[MAX_CODES];
        byte[] stack = new byte[MAX_CODES];
        Rows rows = new Rows(width, height, interlaced);
        int next = 0;
        int codeSize = 0;
        int lastCode = 0;
        int lastData = 0;
        boolean afterClear = true;
        boolean reset = true;
        int blockLeft = 0;
        long bitBuffer = 0;
        int bitCount = 0;
        while (!rows.done()) {
            if (reset) {
                next = clear + 2;
                codeSize = bits + 1;
                afterClear = true;
                reset = false;
            }
            while (bitCount < codeSize) {
                if (blockLeft == 0) {
                    blockLeft = in.u8();
                    if (blockLeft == 0) {
                        throw truncated(description, rows);
                    }
                }
                bitBuffer |= (long) in.u8() << bitCount;
                bitCount += 8;
                blockLeft--;
            }
            int c = (int) (bitBuffer & ((1L << codeSize) - 1));
            bitBuffer >>>= codeSize;
            bitCount -= codeSize;
            if (c == clear) {
                reset = !afterClear;
                continue;
            }
            if (c == end) {
                throw truncated(description, rows);
            }
            if (afterClear) {
                if (c > clear) {
                    throw new InvalidImageException(description, "corrupt GIF data (invalid LZW code " + c + ")");
                }
                lastData = c;
                lastCode = c;
                afterClear = false;
                rows.put((byte) c, out);
                continue;
            }
            int thisCode = c;
            if (c > next) {
                throw new InvalidImageException(description, "corrupt GIF data (invalid LZW code " + c + ")");
            }
            int sp = MAX_CODES;
            if (c == next) {
                stack[--sp] = (byte) lastData;
                c = lastCode;
            }
            while (c >= clear) {
                if (sp == 0 || c >= MAX_CODES) {
                    throw new InvalidImageException(description, "corrupt GIF data (LZW string too long)");
                }
                stack[--sp] = suffix[c];
                c = link[c];
            }
            lastData = c;
            stack[--sp] = (byte) c;
            if (next < MAX_CODES) {
                suffix[next] = (byte) c;
                link[next] = lastCode;
                if (next == (1 << codeSize) - 1 && codeSize < MAX_CODE_BITS) {
                    codeSize++;
                }
                next++;
            }
            lastCode = thisCode;
            for (int i = sp; i < MAX_CODES && !rows.done(); i++) {
                rows.put(stack[i], out);
            }
        }
    }

    private static InvalidImageException truncated(String description, Rows rows) {
        return new InvalidImageException(description,
                "truncated GIF data: the first frame's image data ends after " + rows.written + " pixels");
    }

    private static RgbImage toRgb(byte[] indices, int frameWidth, int frameHeight, int left, int top, int width,
            int height, int fill, byte[] lut) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            System.arraycopy(lut, fill * 3, rgb, i, 3);
        }
        for (int y = 0; y < frameHeight; y++) {
            int o = ((top + y) * width + left) * 3;
            for (int x = 0; x < frameWidth; x++) {
                System.arraycopy(lut, (indices[y * frameWidth + x] & 0xff) * 3, rgb, o, 3);
                o += 3;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    /** 256 RGB triples: the palette then black, or grey levels without a palette. */
    private static byte[] lut(byte[] palette) {
        byte[] lut = new byte[256 * 3];
        if (palette == null) {
            for (int i = 0; i < lut.length; i++) {
                lut[i] = (byte) (i / 3);
            }
        } else {
            System.arraycopy(palette, 0, lut, 0, Math.min(palette.length, lut.length));
        }
        return lut;
    }

    /** Where the next pixel goes: rows in order, or the four interlace passes (every 8th row from 0, from 4, ...). */
    private static final class Rows {
        private final int width;
        private final int height;
        private int x;
        private int y;
        private int step;
        private int pass;
        private boolean done;
        long written;

        Rows(int width, int height, boolean interlaced) {
            this.width = width;
            this.height = height;
            this.step = interlaced ? 8 : 1;
            this.pass = interlaced ? 1 : 0;
            this.done = width == 0 || height == 0;
        }

        boolean done() {
            return done;
        }

        void put(byte index, byte[] out) {
            out[y * width + x] = index;
            written++;
            if (++x < width) {
                return;
            }
            x = 0;
            y += step;
            while (y >= height) {
                switch (pass) {
                    case 1 -> {
                        y = 4;
                        pass = 2;
                    }
                    case 2 -> {
                        step = 4;
                        y = 2;
                        pass = 3;
                    }
                    case 3 -> {
                        step = 2;
                        y = 1;
                        pass = 0;
                    }
                    default -> {
                        done = true;
                        return;
                    }
                }
            }
        }
    }

    /** Reads the GIF bytes; running out of them means the file is truncated. */
    private static final class Cursor {
        private final byte[] data;
        private final String description;
        private int pos;

        Cursor(byte[] data, String description) {
            this.data = data;
            this.description = description;
        }

        int u8() {
            need(1);
            return data[pos++] & 0xff;
        }

        int u16() {
            need(2);
            int v = (data[pos] & 0xff) | ((data[pos + 1] & 0xff) << 8);
            pos += 2;
            return v;
        }

        byte[] bytes(int n) {
            need(n);
            byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return b;
        }

        void skip(int n) {
            need(n);
            pos += n;
        }

        private void need(int n) {
            if (pos + n > data.length) {
                throw new InvalidImageException(description, "truncated GIF data (the file ends at byte "
                        + data.length + ")");
            }
        }
    }
}

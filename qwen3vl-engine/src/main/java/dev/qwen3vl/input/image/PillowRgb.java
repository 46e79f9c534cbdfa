package dev.qwen3vl.input.image;

import dev.qwen3vl.input.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Converts decoded samples to 8-bit RGB the way {@code fetch_image} does: Pillow's {@code RGBA} mode is
 * composited over white, every other mode goes through Pillow's {@code convert("RGB")}. Samples are read from
 * the raster as they are; colour spaces and ICC profiles are ignored, as Pillow ignores them.
 *
 * <ul>
 *   <li>palette: the index looked up in the palette, alpha ignored; indices past the palette give black;</li>
 *   <li>grey: replicated to R, G, B;</li>
 *   <li>alpha: composited over white when the rule says so, otherwise dropped;</li>
 *   <li>16-bit samples: the high byte, except 16-bit grey without alpha when {@code clampGray16} (Pillow's
 *       {@code I;16} → RGB saturates at 255);</li>
 *   <li>samples narrower than 8 bits: {@code v * 255 / (2^bits − 1)}, truncated (Pillow's 5- and 6-bit
 *       unpackers).</li>
 * </ul>
 */
final class PillowRgb {

    /**
     * How to read one image.
     *
     * @param compositeAlpha whether the image is what Pillow calls {@code RGBA} (alpha composited over white)
     * @param clampGray16 whether 16-bit grey is Pillow's {@code I;16} (saturated) rather than reduced to its
     *     high byte
     * @param paletteEntries the number of palette entries the file defines, or -1 to use the colour model's
     */
    record Rule(boolean compositeAlpha, boolean clampGray16, int paletteEntries) {}

    private PillowRgb() {}

    /** {@code image} as RGB; fails with {@link InvalidImageException} for a layout that has no Pillow mode. */
    static RgbImage convert(BufferedImage image, Rule rule, String description) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm instanceof IndexColorModel icm) {
            return fromPalette(raster, icm, rule.paletteEntries() < 0 ? icm.getMapSize() : rule.paletteEntries());
        }
        int type = raster.getTransferType();
        if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT && type != DataBuffer.TYPE_INT) {
            throw new InvalidImageException(description, "unsupported sample type (only integer samples)");
        }
        int colours = cm.getNumColorComponents();
        int space = cm.getColorSpace().getType();
        if (!(colours == 3 && space == ColorSpace.TYPE_RGB) && !(colours == 1 && space == ColorSpace.TYPE_GRAY)) {
            throw new InvalidImageException(description,
                    "unsupported colour layout (" + colours + " colour components; only RGB and grey)");
        }
        if (cm.isAlphaPremultiplied()) {
            WritableRaster copy = raster.createCompatibleWritableRaster();
            copy.setRect(raster);
            BufferedImage straight = new BufferedImage(cm, copy, true, null);
            straight.coerceData(false);
            cm = straight.getColorModel();
            raster = straight.getRaster();
        }
        return fromComponents(raster, colours, cm.hasAlpha(), rule);
    }

    /** Pillow's white composite of one channel value {@code c} with alpha {@code a} (both 0..255). */
    static int overWhite(int c, int a) {
        int t = 255 * (255 - a) + c * a + 128;
        return (t + (t >> 8)) >> 8;
    }

    /** A sample of {@code bits} bits as 8 bits. */
    static int to8(int v, int bits, boolean clamp) {
        if (bits == 8) {
            return v;
        }
        if (bits > 8) {
            return clamp ? Math.min(v, 255) : v >>> (bits - 8);
        }
        return v * 255 / ((1 << bits) - 1);
    }

    /**
     * The palette as 256 RGB triples: the first {@code entries} entries of {@code icm} (at most its size), the
     * rest black, as in Pillow's palette.
     */
    private static byte[] paletteLut(IndexColorModel icm, int entries) {
        int usable = Math.min(Math.min(entries, icm.getMapSize()), 256);
        byte[] lut = new byte[256 * 3];
        for (int i = 0; i < usable; i++) {
            lut[i * 3] = (byte) icm.getRed(i);
            lut[i * 3 + 1] = (byte) icm.getGreen(i);
            lut[i * 3 + 2] = (byte) icm.getBlue(i);
        }
        return lut;
    }

    private static RgbImage fromPalette(Raster raster, IndexColorModel icm, int entries) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] lut = paletteLut(icm, entries);
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            int o = y * w * 3;
            for (int x = 0; x < w; x++) {
                int idx = row[x];
                if (idx < 256) {
                    rgb[o] = lut[idx * 3];
                    rgb[o + 1] = lut[idx * 3 + 1];
                    rgb[o + 2] = lut[idx * 3 + 2];
                }
                o += 3;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static RgbImage fromComponents(Raster raster, int colours, boolean hasAlpha, Rule rule) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int[] bits = raster.getSampleModel().getSampleSize();
        boolean composite = hasAlpha && rule.compositeAlpha();
        boolean clampGray = colours == 1 && !hasAlpha && rule.clampGray16();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            int o = y * w * 3;
            for (int x = 0; x < w; x++) {
                int p = x * bands;
                int a = composite ? to8(row[p + colours], bits[colours], false) : 255;
                for (int c = 0; c < 3; c++) {
                    int band = colours == 1 ? 0 : c;
                    int v = to8(row[p + band], bits[band], clampGray);
                    rgb[o + c] = (byte) (composite ? overWhite(v, a) : v);
                }
                o += 3;
            }
        }
        return new RgbImage(w, h, rgb);
    }
}

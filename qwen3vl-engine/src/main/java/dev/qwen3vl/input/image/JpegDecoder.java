package dev.qwen3vl.input.image;

import dev.qwen3vl.input.RgbImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Locale;

/**
 * JPEG → RGB as Pillow (libjpeg-turbo) decodes it. The JDK decoder (IJG libjpeg, same integer IDCT and "fancy"
 * chroma upsampling as Pillow's default) delivers the upsampled components without any colour conversion;
 * YCbCr → RGB is then done here with libjpeg's fixed-point tables, choosing the colour space by libjpeg's
 * rules (JFIF marker, Adobe transform, component ids). Embedded ICC profiles are ignored, as Pillow ignores
 * them. CMYK/YCCK JPEGs are refused.
 *
 * <p>Exactness depends on the JDK's libjpeg: builds linked to the system libjpeg-turbo (e.g. Debian's) match
 * Pillow for every chroma subsampling; builds with the bundled IJG libjpeg 6b match for 4:4:4, 4:2:2 and 4:2:0
 * but not for 4:4:0 (vertical-only subsampling), which libjpeg-turbo upsamples with its "fancy" filter and
 * 6b by replication (differences of tens of levels at colour edges).
 *
 * <p>Truncation: libjpeg pads missing entropy data and warns; that warning fails the load. A progressive or
 * multi-scan JPEG without its end-of-image marker is refused too, since Pillow then reports a truncated file;
 * a baseline JPEG whose pixel data is complete but whose end marker is missing is accepted, as by Pillow.
 */
final class JpegDecoder {

    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private JpegDecoder() {}

    static RgbImage decode(byte[] data, ImageLimits limits, String description) throws IOException {
        JpegStructure js = JpegStructure.parse(data);
        if (js.components() == 0) {
            throw new InvalidImageException(description,
                    "truncated or corrupt JPEG: no frame header before the data ends");
        }
        if (js.components() == 4) {
            throw new InvalidImageException(description, "CMYK/YCCK JPEG images are not supported (convert to RGB)");
        }
        if (js.components() != 1 && js.components() != 3) {
            throw new InvalidImageException(description, "unsupported JPEG with " + js.components() + " components");
        }
        try (ReaderSession session = ReaderSession.open(ImageFormat.JPEG, data)) {
            SizeGuard.check(session.width(), session.height(), limits, description);
            Raster raster = session.reader().readRaster(0, null);
            for (String warning : session.warnings()) {
                if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                    throw new InvalidImageException(description, "truncated JPEG data (" + warning + ")");
                }
            }
            if (js.needsAllScans() && !js.endMarker()) {
                throw new InvalidImageException(description,
                        "truncated JPEG data: a progressive or multi-scan JPEG without its end-of-image marker");
            }
            return toRgb(raster, js.components() == 3 && js.isYCbCr());
        }
    }

    private static RgbImage toRgb(Raster raster, boolean ycc) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            int o = y * w * 3;
            for (int x = 0; x < w; x++) {
                int p = x * bands;
                if (bands == 1) {
                    byte v = (byte) row[p];
                    rgb[o] = v;
                    rgb[o + 1] = v;
                    rgb[o + 2] = v;
                } else if (ycc) {
                    int luma = row[p];
                    int cb = row[p + 1];
                    int cr = row[p + 2];
                    rgb[o] = clamp(luma + CR_R[cr]);
                    rgb[o + 1] = clamp(luma + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS));
                    rgb[o + 2] = clamp(luma + CB_B[cb]);
                } else {
                    rgb[o] = (byte) row[p];
                    rgb[o + 1] = (byte) row[p + 1];
                    rgb[o + 2] = (byte) row[p + 2];
                }
                o += 3;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALE_BITS) + 0.5);
    }
}

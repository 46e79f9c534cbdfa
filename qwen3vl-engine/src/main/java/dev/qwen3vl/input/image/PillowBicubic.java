package dev.qwen3vl.input.image;

import dev.qwen3vl.input.RgbImage;

/**
 * Pillow's 8-bit bicubic resize ({@code Image.resize(size, BICUBIC)}), byte for byte, as {@code fetch_image} calls it:
 * separable, horizontal pass first, the intermediate image rounded to 8 bits, Keys cubic kernel with
 * a = −0.5 widened by the downscale factor, weights normalised and turned into 22-bit fixed point.
 * An axis whose length does not change is not filtered.
 */
public final class PillowBicubic {

    private static final int PRECISION_BITS = 22;
    private static final double A = -0.5;

    private PillowBicubic() {}

    /** {@code src} resized to {@code width}×{@code height}. */
    public static RgbImage resize(RgbImage src, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Target size must be positive, got " + width + "x" + height);
        }
        RgbImage out = src;
        if (width != src.width()) {
            out = horizontal(out, width);
        }
        if (height != src.height()) {
            out = vertical(out, height);
        }
        return out == src ? new RgbImage(src.width(), src.height(), src.rgb().clone()) : out;
    }

    private static RgbImage horizontal(RgbImage src, int outWidth) {
        Coefficients k = Coefficients.of(src.width(), outWidth);
        byte[] in = src.rgb();
        byte[] out = new byte[src.height() * outWidth * 3];
        for (int y = 0; y < src.height(); y++) {
            int rowIn = y * src.width() * 3;
            int rowOut = y * outWidth * 3;
            for (int x = 0; x < outWidth; x++) {
                int lo = k.min[x];
                int[] w = k.weights[x];
                for (int c = 0; c < 3; c++) {
                    long acc = 1L << (PRECISION_BITS - 1);
                    for (int j = 0; j < w.length; j++) {
                        acc += (long) (in[rowIn + (lo + j) * 3 + c] & 0xff) * w[j];
                    }
                    out[rowOut + x * 3 + c] = clip8(acc);
                }
            }
        }
        return new RgbImage(outWidth, src.height(), out);
    }

    private static RgbImage vertical(RgbImage src, int outHeight) {
        Coefficients k = Coefficients.of(src.height(), outHeight);
        byte[] in = src.rgb();
        int stride = src.width() * 3;
        byte[] out = new byte[outHeight * stride];
        for (int y = 0; y < outHeight; y++) {
            int lo = k.min[y];
            int[] w = k.weights[y];
            for (int i = 0; i < stride; i++) {
                long acc = 1L << (PRECISION_BITS - 1);
                for (int j = 0; j < w.length; j++) {
                    acc += (long) (in[(lo + j) * stride + i] & 0xff) * w[j];
                }
                out[y * stride + i] = clip8(acc);
            }
        }
        return new RgbImage(src.width(), outHeight, out);
    }

    private static byte clip8(long acc) {
        long v = acc >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    static double cubic(double x) {
        x = Math.abs(x);
        if (x < 1.0) {
            return ((A + 2.0) * x - (A + 3.0)) * x * x + 1.0;
        }
        if (x < 2.0) {
            return A * (x * x * x - 5.0 * x * x + 8.0 * x - 4.0);
        }
        return 0.0;
    }

    /** Per output index: first input index and fixed-point weights. */
    private static final class Coefficients {
        final int[] min;
        final int[][] weights;

        private Coefficients(int[] min, int[][] weights) {
            this.min = min;
            this.weights = weights;
        }

        static Coefficients of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = 2.0 * filterScale;
            int[] min = new int[outSize];
            int[][] weights = new int[outSize][];
            for (int i = 0; i < outSize; i++) {
                double center = (i + 0.5) * scale;
                int xmin = Math.max(0, (int) (center - support + 0.5));
                int xmax = Math.min(inSize, (int) (center + support + 0.5));
                double[] w = new double[xmax - xmin];
                double sum = 0;
                for (int j = 0; j < w.length; j++) {
                    w[j] = cubic((xmin + j - center + 0.5) / filterScale);
                    sum += w[j];
                }
                int[] fixed = new int[w.length];
                for (int j = 0; j < w.length; j++) {
                    double v = sum != 0.0 ? w[j] / sum : w[j];
                    double scaled = v * (1 << PRECISION_BITS);
                    fixed[j] = (int) (v >= 0 ? scaled + 0.5 : scaled - 0.5);
                }
                min[i] = xmin;
                weights[i] = fixed;
            }
            return new Coefficients(min, weights);
        }
    }
}

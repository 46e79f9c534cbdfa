package dev.qwen3vl.input.video;

import dev.qwen3vl.input.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The resize of a whole clip in the reference (qwen-vl-utils' {@code fetch_video}): torchvision {@code resize(video, [H, W], BICUBIC,
 * antialias=True)} on a uint8 T×C×H×W tensor, which casts to float32, calls PyTorch's
 * {@code interpolate(mode='bicubic', align_corners=False, antialias=True)}, clamps to [0, 255], rounds half to
 * even and casts back to uint8.
 *
 * <p>PyTorch's CPU kernel ({@code separable_upsample_generic_Nd_kernel_impl} with the antialiased cubic filter)
 * is reproduced operation by operation in float32: the width is resampled first (only if it changes), then the
 * height (only if it changes), with a float32 intermediate. Along an axis of {@code in} samples resized to
 * {@code out}: {@code scale = in / out}, {@code support = 2·scale} when downscaling (else 2),
 * {@code center = scale·(i + 0.5)}, taps {@code xmin = max(0, trunc(center − support + 0.5))} to
 * {@code min(in, trunc(center + support + 0.5))}, weight of tap j the Keys cubic (a = −0.5) of
 * {@code (j + xmin − center + 0.5) / max(scale, 1)}, normalised by their float32 sum; each output value is
 * {@code Σ pixel·weight} accumulated in tap order. The filter polynomial and the accumulation use fused
 * multiply-adds, as the compiler contracts them in PyTorch's x86-64 build: with them the resize of the fixture
 * clip is byte-exact, without them a few values per frame are one level off.
 */
public final class ClipResizer {

    private static final int CHANNELS = 3;
    private static final float A = -0.5f;

    private ClipResizer() {}

    /**
     * Resizes every frame to {@code width}×{@code height}; returns {@code frames} itself if they already have
     * that size.
     *
     * @throws IllegalArgumentException if the list is empty, the frames differ in size or the size is not
     *     positive
     */
    public static List<RgbImage> resize(List<RgbImage> frames, int width, int height) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("No frames to resize");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Target size must be positive, got " + width + "x" + height);
        }
        int inWidth = frames.get(0).width();
        int inHeight = frames.get(0).height();
        for (int t = 1; t < frames.size(); t++) {
            RgbImage f = frames.get(t);
            if (f.width() != inWidth || f.height() != inHeight) {
                throw new IllegalArgumentException("Frame " + t + " is " + f.width() + "x" + f.height()
                        + ", frame 0 is " + inWidth + "x" + inHeight + ": a clip needs frames of one size");
            }
        }
        if (inWidth == width && inHeight == height) {
            return frames;
        }
        AxisWeights horizontal = inWidth == width ? null : AxisWeights.of(inWidth, width);
        AxisWeights vertical = inHeight == height ? null : AxisWeights.of(inHeight, height);
        List<RgbImage> out = new ArrayList<>(frames.size());
        for (RgbImage frame : frames) {
            out.add(resize(frame, width, height, horizontal, vertical));
        }
        return out;
    }

    /** Resizes one frame (a clip of one frame). */
    public static RgbImage resize(RgbImage frame, int width, int height) {
        return resize(List.of(frame), width, height).get(0);
    }

    private static RgbImage resize(RgbImage frame, int width, int height, AxisWeights horizontal,
            AxisWeights vertical) {
        int inWidth = frame.width();
        int inHeight = frame.height();
        byte[] rgb = frame.rgb();
        byte[] result = new byte[width * height * CHANNELS];
        float[] plane = new float[inWidth * inHeight];
        for (int c = 0; c < CHANNELS; c++) {
            for (int p = 0; p < plane.length; p++) {
                plane[p] = rgb[p * CHANNELS + c] & 0xff;
            }
            float[] rows = horizontal == null ? plane : horizontal.horizontal(plane, inHeight, inWidth);
            float[] resized = vertical == null ? rows : vertical.vertical(rows, width);
            for (int p = 0; p < resized.length; p++) {
                result[p * CHANNELS + c] = toByte(resized[p]);
            }
        }
        return new RgbImage(width, height, result);
    }

    /** Clamp to [0, 255], round half to even, cast (torchvision's uint8 output of a bicubic resize). */
    private static byte toByte(float v) {
        float clamped = Math.min(255f, Math.max(0f, v));
        return (byte) (int) Math.rint(clamped);
    }

    /** The antialiased Keys cubic (a = −0.5) as PyTorch evaluates it in float32. */
    static float filter(float x) {
        x = Math.abs(x);
        if (x < 1.0f) {
            return Math.fma(Math.fma(A + 2, x, -(A + 3)) * x, x, 1f);
        }
        if (x < 2.0f) {
            return Math.fma(Math.fma(Math.fma(A, x, -5 * A), x, 8 * A), x, -4 * A);
        }
        return 0f;
    }

    /** Taps and normalised weights of one axis. */
    private static final class AxisWeights {

        private final int outSize;
        private final int taps;
        private final int[] first;
        private final int[] count;
        private final float[] weights;

        private AxisWeights(int outSize, int taps) {
            this.outSize = outSize;
            this.taps = taps;
            this.first = new int[outSize];
            this.count = new int[outSize];
            this.weights = new float[outSize * taps];
        }

        static AxisWeights of(int inSize, int outSize) {
            float scale = (float) inSize / (float) outSize;
            float support = scale >= 1.0f ? 2.0f * scale : 2.0f;
            int taps = (int) Math.ceil(support) * 2 + 1;
            float invScale = scale >= 1.0f ? (float) (1.0 / scale) : 1.0f;
            AxisWeights w = new AxisWeights(outSize, taps);
            for (int i = 0; i < outSize; i++) {
                float center = (float) (scale * (i + 0.5));
                int xmin = (int) Math.max((long) ((double) (center - support) + 0.5), 0L);
                int xsize = (int) Math.min((long) ((double) (center + support) + 0.5), inSize) - xmin;
                xsize = Math.max(0, Math.min(xsize, taps));
                float total = 0f;
                int base = i * taps;
                for (int j = 0; j < xsize; j++) {
                    float arg = (float) (((double) ((float) (j + xmin) - center) + 0.5) * invScale);
                    float v = filter(arg);
                    w.weights[base + j] = v;
                    total += v;
                }
                if (total != 0f) {
                    for (int j = 0; j < xsize; j++) {
                        w.weights[base + j] /= total;
                    }
                }
                w.first[i] = xmin;
                w.count[i] = xsize;
            }
            return w;
        }

        /** Resamples each of the {@code rows} rows of a {@code rows}×{@code inWidth} plane. */
        float[] horizontal(float[] src, int rows, int inWidth) {
            float[] out = new float[rows * outSize];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < outSize; i++) {
                    out[r * outSize + i] = sum(src, r * inWidth + first[i], 1, i);
                }
            }
            return out;
        }

        /** Resamples each column of a plane {@code width} samples wide. */
        float[] vertical(float[] src, int width) {
            float[] out = new float[outSize * width];
            for (int i = 0; i < outSize; i++) {
                for (int col = 0; col < width; col++) {
                    out[i * width + col] = sum(src, first[i] * width + col, width, i);
                }
            }
            return out;
        }

        private float sum(float[] src, int start, int step, int i) {
            int wBase = i * taps;
            float acc = src[start] * weights[wBase];
            for (int j = 1; j < count[i]; j++) {
                acc = Math.fma(src[start + j * step], weights[wBase + j], acc);
            }
            return acc;
        }
    }
}

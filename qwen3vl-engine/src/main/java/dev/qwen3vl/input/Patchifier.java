package dev.qwen3vl.input;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns equally sized RGB frames into {@link PixelPatches}: rescale and normalise each byte p to
 * {@code (p − 127.5) / 127.5} in float32, pad the frames to a multiple of the temporal patch by repeating the
 * last one, then cut patches in the order of {@code Qwen2VLImageProcessorFast} and
 * {@code Qwen3VLVideoProcessor}.
 */
public final class Patchifier {

    private static final int CHANNELS = 3;

    private final int patch;
    private final int temporalPatch;
    private final int merge;

    /**
     * @param patch patch side in pixels (16)
     * @param temporalPatch frames per temporal patch (2)
     * @param merge spatial merge size (2)
     */
    public Patchifier(int patch, int temporalPatch, int merge) {
        this.patch = patch;
        this.temporalPatch = temporalPatch;
        this.merge = merge;
    }

    /** Patches of a still image: the image repeated to fill one temporal patch. */
    public PixelPatches image(RgbImage image) {
        return frames(List.of(image));
    }

    /** Patches of a clip; every frame must have the size of the first, a multiple of {@code patch × merge}. */
    public PixelPatches frames(List<RgbImage> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("No frames to patchify");
        }
        int width = frames.get(0).width();
        int height = frames.get(0).height();
        int unit = patch * merge;
        if (width % unit != 0 || height % unit != 0) {
            throw new IllegalArgumentException(
                    "Frame size " + width + "x" + height + " is not a multiple of " + unit + " (resize first)");
        }
        List<RgbImage> padded = new ArrayList<>(frames);
        while (padded.size() % temporalPatch != 0) {
            padded.add(padded.get(padded.size() - 1));
        }
        for (RgbImage f : padded) {
            if (f.width() != width || f.height() != height) {
                throw new IllegalArgumentException("Frames differ in size: " + width + "x" + height + " and "
                        + f.width() + "x" + f.height());
            }
        }
        int gridT = padded.size() / temporalPatch;
        int gridH = height / patch;
        int gridW = width / patch;
        int rowSize = CHANNELS * temporalPatch * patch * patch;
        float[] out = new float[gridT * gridH * gridW * rowSize];
        int row = 0;
        for (int t = 0; t < gridT; t++) {
            for (int br = 0; br < gridH / merge; br++) {
                for (int bc = 0; bc < gridW / merge; bc++) {
                    for (int ir = 0; ir < merge; ir++) {
                        for (int ic = 0; ic < merge; ic++) {
                            int y0 = (br * merge + ir) * patch;
                            int x0 = (bc * merge + ic) * patch;
                            writeRow(padded, t, y0, x0, out, row * rowSize);
                            row++;
                        }
                    }
                }
            }
        }
        return new PixelPatches(out, gridT, gridH, gridW, rowSize);
    }

    // one row: [channel][time][y][x], x fastest
    private void writeRow(List<RgbImage> frames, int t, int y0, int x0, float[] out, int offset) {
        int i = offset;
        for (int c = 0; c < CHANNELS; c++) {
            for (int dt = 0; dt < temporalPatch; dt++) {
                RgbImage f = frames.get(t * temporalPatch + dt);
                byte[] rgb = f.rgb();
                for (int y = 0; y < patch; y++) {
                    int base = ((y0 + y) * f.width() + x0) * CHANNELS + c;
                    for (int x = 0; x < patch; x++) {
                        out[i++] = normalise(rgb[base + x * CHANNELS] & 0xff);
                    }
                }
            }
        }
    }

    /** {@code (p − 127.5) / 127.5} in float32, the fused rescale and normalise of the reference. */
    static float normalise(int p) {
        return ((float) p - 127.5f) / 127.5f;
    }
}

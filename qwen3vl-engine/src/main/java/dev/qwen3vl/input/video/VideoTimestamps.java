package dev.qwen3vl.input.video;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The time of each temporal patch, as the reference writes it before the patch's tokens
 * ({@code <t seconds>}, {@code Qwen3VLProcessor}): the frame indices padded to an even count with the last one, each divided
 * by the metadata frame rate, the two times of a pair averaged, and printed like Python {@code "{:.1f}"}.
 */
public final class VideoTimestamps {

    private VideoTimestamps() {}

    /** Seconds of each temporal patch: {@code t_k = (i_2k / fps + i_2k+1 / fps) / 2}. */
    public static double[] seconds(int[] indices, double fps) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("No frame indices");
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("The metadata frame rate must be positive, got " + fps);
        }
        int pairs = (indices.length + 1) / FrameSampler.FRAME_FACTOR;
        double[] out = new double[pairs];
        for (int k = 0; k < pairs; k++) {
            int first = indices[2 * k];
            int second = indices[Math.min(2 * k + 1, indices.length - 1)];
            out[k] = (first / fps + second / fps) / 2;
        }
        return out;
    }

    /** {@link #seconds} formatted with {@link #format(double)}. */
    public static List<String> formatted(int[] indices, double fps) {
        double[] seconds = seconds(indices, fps);
        List<String> out = new ArrayList<>(seconds.length);
        for (double s : seconds) {
            out.add(format(s));
        }
        return List.copyOf(out);
    }

    /**
     * Python's {@code "{:.1f}".format(x)}: the exact binary value rounded half to even to one decimal
     * ({@code 0.25 → "0.2"}, where {@code String.format} would give "0.3").
     */
    public static String format(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw new IllegalArgumentException("A timestamp must be finite and not negative, got " + seconds);
        }
        return new BigDecimal(seconds).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }
}

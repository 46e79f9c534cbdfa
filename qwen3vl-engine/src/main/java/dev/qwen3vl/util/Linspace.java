package dev.qwen3vl.util;

/**
 * {@code torch.linspace(start, end, n)} in float32, bit for bit as PyTorch's CPU kernel computes it: the step
 * is {@code fl(fl(end − start) / (n − 1))}; the first half counts up from {@code start}, the second half
 * counts down from {@code end} ({@code torch.linspace} in float32). Used for frame sampling and position-table interpolation.
 */
public final class Linspace {

    private Linspace() {}

    /** {@code n} float32 values from {@code start} to {@code end}. */
    public static float[] float32(double start, double end, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("linspace needs n >= 0, got " + n);
        }
        float[] out = new float[n];
        if (n == 0) {
            return out;
        }
        if (n == 1) {
            out[0] = (float) start;
            return out;
        }
        float s = (float) start;
        float e = (float) end;
        float step = (e - s) / (float) (n - 1);
        int half = n / 2;
        for (int i = 0; i < n; i++) {
            // each value is one rounding of the exact expression (double holds it exactly here)
            out[i] = i < half ? (float) ((double) s + (double) i * step) : (float) ((double) e - (double) (n - 1 - i) * step);
        }
        return out;
    }
}

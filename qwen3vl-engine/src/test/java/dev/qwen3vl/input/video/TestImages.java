package dev.qwen3vl.input.video;

import dev.qwen3vl.input.RgbImage;

/** Compares images and values. */
final class TestImages {

    private TestImages() {}

    /** How two images of one size differ: values that differ, the largest difference, its histogram. */
    static Diff diff(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("Sizes differ: " + a.width() + "x" + a.height() + " and "
                    + b.width() + "x" + b.height());
        }
        int differing = 0;
        int max = 0;
        long sum = 0;
        int[] histogram = new int[256];
        for (int i = 0; i < a.rgb().length; i++) {
            int d = Math.abs((a.rgb()[i] & 0xff) - (b.rgb()[i] & 0xff));
            histogram[d]++;
            if (d != 0) {
                differing++;
                sum += d;
                max = Math.max(max, d);
            }
        }
        return new Diff(a.rgb().length, differing, max, sum, histogram);
    }

    /** The largest absolute difference of two float arrays of one length. */
    static float maxAbsDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("Lengths differ: " + a.length + " and " + b.length);
        }
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** A comparison of two images value by value. */
    record Diff(int values, int differing, int max, long sum, int[] histogram) {

        @Override
        public String toString() {
            StringBuilder h = new StringBuilder();
            for (int d = 1; d <= max; d++) {
                if (histogram[d] > 0) {
                    h.append(' ').append(d).append(':').append(histogram[d]);
                }
            }
            return differing + " of " + values + " values differ, max " + max + ", mean abs "
                    + String.format("%.4f", (double) sum / values) + (differing > 0 ? ", by level:" + h : "");
        }
    }
}

package dev.qwen3vl.cli;

import dev.qwen3vl.input.RgbImage;
import java.util.List;

/**
 * How far two lists of RGB frames differ, over all their 8-bit values. A frame whose size disagrees counts as
 * entirely different, by 255 levels.
 *
 * @param worst the largest difference of one value, in levels
 * @param differing how many values differ
 * @param total how many values the first list holds
 */
record FrameDifference(int worst, long differing, long total) {

    static FrameDifference of(List<RgbImage> a, List<RgbImage> b) {
        int worst = 0;
        long differing = 0;
        long total = 0;
        for (int i = 0; i < a.size(); i++) {
            byte[] x = a.get(i).rgb();
            byte[] y = b.get(i).rgb();
            total += x.length;
            if (a.get(i).width() != b.get(i).width() || a.get(i).height() != b.get(i).height()) {
                worst = 255;
                differing += Math.max(x.length, y.length);
                continue;
            }
            for (int j = 0; j < x.length; j++) {
                int level = Math.abs((x[j] & 0xff) - (y[j] & 0xff));
                if (level > 0) {
                    worst = Math.max(worst, level);
                    differing++;
                }
            }
        }
        return new FrameDifference(worst, differing, total);
    }
}

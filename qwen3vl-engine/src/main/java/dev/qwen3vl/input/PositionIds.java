package dev.qwen3vl.input;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The 3-row (t, h, w) position ids of the multimodal rotary embedding ({@code Qwen3VLModel.get_rope_index}).
 *
 * <p>Text tokens get (s, s, s) and advance s by one. A visual run — an image, or one temporal group of a
 * video — of {@code gh × gw} merged tokens starting at s gives token (r, c) the position (s, s + r, s + c);
 * the text after it resumes at s + max(gh, gw).
 */
public final class PositionIds {

    private PositionIds() {}

    /**
     * @param ids token ids with visual runs expanded
     * @param visuals the sequence's images and videos in order of appearance
     * @param imagePad id of {@code <|image_pad|>}
     * @param videoPad id of {@code <|video_pad|>}
     * @param merge spatial merge size
     * @return [3][ids.length]
     */
    public static long[][] compute(long[] ids, List<Visual> visuals, long imagePad, long videoPad, int merge) {
        Deque<int[]> runs = new ArrayDeque<>(); // {kind(0 image, 1 video), gh, gw}
        for (Visual v : visuals) {
            PixelPatches p = v.patches();
            int groups = v.video() ? p.gridT() : 1;
            for (int t = 0; t < groups; t++) {
                runs.add(new int[] {v.video() ? 1 : 0, p.gridH() / merge, p.gridW() / merge});
            }
        }
        long[][] pos = new long[3][ids.length];
        long s = 0;
        int i = 0;
        while (i < ids.length) {
            long id = ids[i];
            if (id == imagePad || id == videoPad) {
                int[] run = runs.poll();
                if (run == null) {
                    throw new IllegalArgumentException("More image/video pad tokens than images and videos");
                }
                if ((run[0] == 1) != (id == videoPad)) {
                    throw new IllegalArgumentException("Pad token at " + i + " does not match the kind of visual "
                            + "input expected there (images and videos out of order)");
                }
                int gh = run[1];
                int gw = run[2];
                for (int r = 0; r < gh; r++) {
                    for (int c = 0; c < gw; c++) {
                        if (i >= ids.length || ids[i] != id) {
                            throw new IllegalArgumentException(
                                    "A visual run of " + gh * gw + " tokens is cut short at token " + i);
                        }
                        pos[0][i] = s;
                        pos[1][i] = s + r;
                        pos[2][i] = s + c;
                        i++;
                    }
                }
                s += Math.max(1, Math.max(gh, gw));
            } else {
                pos[0][i] = s;
                pos[1][i] = s;
                pos[2][i] = s;
                s++;
                i++;
            }
        }
        if (!runs.isEmpty()) {
            throw new IllegalArgumentException(runs.size() + " image/video runs have no pad tokens in the sequence");
        }
        return pos;
    }
}

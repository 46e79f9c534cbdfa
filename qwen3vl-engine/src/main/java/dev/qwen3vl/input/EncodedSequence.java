package dev.qwen3vl.input;

import java.util.ArrayList;
import java.util.List;

/**
 * A tokenised prompt with its visual inputs: what the model consumes.
 *
 * @param ids token ids
 * @param positions [3][ids.length] position ids
 * @param visuals images and videos in order of appearance
 */
public record EncodedSequence(long[] ids, long[][] positions, List<Visual> visuals) {

    /** The vision tower inputs of {@link #visuals()}, in order. */
    public List<PixelPatches> patches() {
        List<PixelPatches> out = new ArrayList<>(visuals.size());
        visuals.forEach(v -> out.add(v.patches()));
        return out;
    }

    /** Token count. */
    public int length() {
        return ids.length;
    }
}

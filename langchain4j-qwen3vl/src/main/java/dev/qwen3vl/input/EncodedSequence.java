package dev.qwen3vl.input;

import java.util.List;

/**
 * A tokenised prompt with its visual inputs: what the model consumes.
 *
 * @param ids token ids
 * @param positions [3][ids.length] position ids
 * @param visuals images and videos in order of appearance
 */
public record EncodedSequence(long[] ids, long[][] positions, List<Visual> visuals) {

    /** Token count. */
    public int length() {
        return ids.length;
    }
}

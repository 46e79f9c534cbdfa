package dev.qwen3vl.model;

import dev.qwen3vl.input.PixelPatches;
import java.util.List;

/**
 * One prepared sequence for {@link Qwen3VlModel}: its token ids, its 3-row position ids and the pixel patches
 * of its images and videos in the order their pad tokens appear.
 *
 * @param inputIds token ids, visual runs already expanded to one pad token per merged visual token
 * @param positionIds {@code [3][inputIds.length]}: t, h, w position of every token
 * @param visuals images and videos in order of appearance
 */
public record ModelInput(long[] inputIds, long[][] positionIds, List<PixelPatches> visuals) {

    /** Checks the shapes. */
    public ModelInput {
        if (inputIds.length == 0) {
            throw new IllegalArgumentException("A sequence needs at least one token");
        }
        if (positionIds.length != 3) {
            throw new IllegalArgumentException("positionIds needs 3 rows (t, h, w), got " + positionIds.length);
        }
        for (long[] row : positionIds) {
            if (row.length != inputIds.length) {
                throw new IllegalArgumentException(
                        "positionIds rows have " + row.length + " entries for " + inputIds.length + " tokens");
            }
        }
        visuals = List.copyOf(visuals);
    }

    /** Number of tokens. */
    public int length() {
        return inputIds.length;
    }
}

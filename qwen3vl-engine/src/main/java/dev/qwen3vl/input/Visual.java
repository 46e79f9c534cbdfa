package dev.qwen3vl.input;

import java.util.List;

/**
 * A preprocessed image or video, ready to be spliced into a prompt.
 *
 * @param video whether this is a video (expanded per temporal group with timestamps)
 * @param patches the vision tower input
 * @param timestamps per temporal group, the formatted seconds ("0.5"); empty for images
 * @param frameIndices the source frames a video was sampled from; empty for images
 */
public record Visual(boolean video, PixelPatches patches, List<String> timestamps, List<Integer> frameIndices) {

    /** Checks that a video has one timestamp per temporal group. */
    public Visual {
        timestamps = List.copyOf(timestamps);
        frameIndices = List.copyOf(frameIndices);
        if (video && timestamps.size() != patches.gridT()) {
            throw new IllegalArgumentException("A video with " + patches.gridT() + " temporal groups needs as many "
                    + "timestamps, got " + timestamps.size());
        }
    }

    /** An image. */
    public static Visual image(PixelPatches patches) {
        return new Visual(false, patches, List.of(), List.of());
    }

    /** A video with its per-group timestamps. */
    public static Visual video(PixelPatches patches, List<String> timestamps) {
        return new Visual(true, patches, timestamps, List.of());
    }

    /** A video with its per-group timestamps and the frames it was sampled from. */
    public static Visual video(PixelPatches patches, List<String> timestamps, int[] frameIndices) {
        return new Visual(true, patches, timestamps, java.util.Arrays.stream(frameIndices).boxed().toList());
    }
}

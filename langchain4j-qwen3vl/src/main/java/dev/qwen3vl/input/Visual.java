package dev.qwen3vl.input;

import java.util.List;

/**
 * A preprocessed image or video, ready to be spliced into a prompt.
 *
 * @param video whether this is a video (expanded per temporal group with timestamps)
 * @param patches the vision tower input
 * @param timestamps per temporal group, the formatted seconds ("0.5"); empty for images
 */
public record Visual(boolean video, PixelPatches patches, List<String> timestamps) {

    /** Checks that a video has one timestamp per temporal group. */
    public Visual {
        timestamps = List.copyOf(timestamps);
        if (video && timestamps.size() != patches.gridT()) {
            throw new IllegalArgumentException("A video with " + patches.gridT() + " temporal groups needs as many "
                    + "timestamps, got " + timestamps.size());
        }
    }

    /** An image. */
    public static Visual image(PixelPatches patches) {
        return new Visual(false, patches, List.of());
    }

    /** A video with its per-group timestamps. */
    public static Visual video(PixelPatches patches, List<String> timestamps) {
        return new Visual(true, patches, timestamps);
    }
}

package dev.qwen3vl.input.video;

import dev.qwen3vl.input.PixelPatches;
import java.util.List;
import java.util.Objects;

/**
 * One video ready for the vision tower: its patches ({@code pixel_values_videos}, {@code video_grid_thw}), the
 * timestamp text of each temporal patch and how the frames were chosen.
 *
 * @param patches normalised pixels cut into patches, grid {@code [frames/2, height/16, width/16]}
 * @param timestamps {@code t_k} of each temporal patch as the prompt writes it ({@code "0.5"} for
 *     {@code <0.5 seconds>}), {@code patches.gridT()} of them
 * @param sampledIndices the source frames used, in order: frame numbers of a video file, or positions in a
 *     frame list (before the last frame is repeated to an even count)
 * @param fps the frame rate the timestamps are computed with: the native rate of a file, the assumed
 *     {@code sampleFps} of a frame list
 * @param frameWidth width of the resized frames in pixels
 * @param frameHeight height of the resized frames in pixels
 */
public record VideoPatches(
        PixelPatches patches, List<String> timestamps, int[] sampledIndices, double fps, int frameWidth,
        int frameHeight) {

    /** Checks that the parts agree. */
    public VideoPatches {
        Objects.requireNonNull(patches, "patches");
        timestamps = List.copyOf(timestamps);
        sampledIndices = sampledIndices.clone();
        if (timestamps.size() != patches.gridT()) {
            throw new IllegalArgumentException(
                    timestamps.size() + " timestamps for " + patches.gridT() + " temporal patches");
        }
    }

    /** The source frames used (a copy). */
    @Override
    public int[] sampledIndices() {
        return sampledIndices.clone();
    }

    /**
     * Number of {@code <|video_pad|>} tokens of the video in the prompt after the
     * {@code merge}×{@code merge} patch merger: {@code gridT·gridH·gridW / merge²}.
     */
    public int tokenCount(int merge) {
        return patches.mergedTokenCount(merge);
    }
}

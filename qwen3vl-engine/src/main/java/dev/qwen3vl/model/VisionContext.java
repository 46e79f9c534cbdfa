package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What every vision block of one forward pass shares.
 *
 * @param cos [N, 1, head_dim] 2-D rotary cos per patch
 * @param sinSigned [N, 1, head_dim] rotary sin, negated on the first half
 * @param runs consecutive attention segments of equal length (an image, or one temporal group of a video)
 */
record VisionContext(NDArray cos, NDArray sinSigned, List<SegmentRun> runs) {

    /**
     * {@code count} consecutive segments of {@code length} patches starting at patch {@code offset}.
     *
     * @param offset first patch row
     * @param count segments
     * @param length patches per segment
     */
    record SegmentRun(long offset, long count, long length) {}
}

package dev.qwen3vl.input.video;

/**
 * What the preprocessor does with a video that needs more visual tokens than
 * {@link VideoOptions#maxVisualTokens()}.
 */
public enum TokenBudgetPolicy {

    /** Reject the video with an error that gives its token count and the limit. */
    FAIL,

    /**
     * Make the video fit, the way the reference would with smaller {@code total_pixels} and {@code max_frames}:
     * first lower the pixel budget of the clip to {@code maxVisualTokens·32²} (so frames get fewer pixels, down to
     * {@code minPixels}); if the frames at that size are still too many, sample two frames fewer at a time (the
     * same sampling rule with a smaller {@code max_frames}) until the video fits.
     */
    DOWNSAMPLE
}

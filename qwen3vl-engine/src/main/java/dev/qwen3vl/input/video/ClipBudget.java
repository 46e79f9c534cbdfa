package dev.qwen3vl.input.video;

import dev.qwen3vl.input.image.SmartResize;

/**
 * The frame count and frame size of a clip (qwen-vl-utils' {@code fetch_video}) and the visual-token budget on top of it
 * ({@link VideoOptions#maxVisualTokens()}, {@link TokenBudgetPolicy}).
 */
final class ClipBudget {

    /** Side of one merged token in pixels: patch 16 × merge 2. */
    static final int FACTOR = 32;
    /** The reference's cap on the pixels of one frame: 768·32². */
    static final long MAX_FRAME_PIXELS = 768L * FACTOR * FACTOR;

    private ClipBudget() {}

    /**
     * The size every frame of a clip is resized to: {@code smart_resize} (factor 32) of the first frame with
     * at least {@code minPixels} and at most {@code max(min(768·32², total/frames·2), floor(minPixels·1.05))}
     * pixels.
     *
     * @return {height, width}
     */
    static int[] frameSize(int height, int width, int frames, long minPixels, long totalPixels) {
        double maxPixels = Math.max(
                Math.min((double) MAX_FRAME_PIXELS, (double) totalPixels / frames * FrameSampler.FRAME_FACTOR),
                Math.floor(minPixels * 1.05));
        return SmartResize.compute(height, width, FACTOR, minPixels, maxPixels);
    }

    /** {@code <|video_pad|>} tokens of {@code frames} frames (an even count) of {@code height}×{@code width}. */
    static long tokens(int frames, int height, int width) {
        return (long) frames / FrameSampler.FRAME_FACTOR * (height / FACTOR) * (width / FACTOR);
    }

    /**
     * The frame count and size of a clip within the token budget.
     *
     * @param source the video, for messages
     * @param frames frames the reference rules give (even)
     * @param height height of the first frame
     * @param width width of the first frame
     * @param totalPixels pixel budget of the clip
     * @throws IllegalArgumentException if the clip is over budget and the policy is {@link TokenBudgetPolicy#FAIL},
     *     or even two frames of the smallest size do not fit
     */
    static Plan plan(String source, int frames, int height, int width, long totalPixels, VideoOptions options) {
        int[] size = frameSize(height, width, frames, options.minPixels(), totalPixels);
        long tokens = tokens(frames, size[0], size[1]);
        int limit = options.maxVisualTokens();
        if (tokens <= limit) {
            return new Plan(frames, size[0], size[1], totalPixels);
        }
        if (options.overBudget() == TokenBudgetPolicy.FAIL) {
            throw new IllegalArgumentException(String.format(
                    "Video %s needs %d visual tokens (%d frames of %dx%d: %d temporal patches of %d tokens), more "
                            + "than the limit of %d (maxVisualTokens); lower fps, maxFrames or totalPixels, or use "
                            + "TokenBudgetPolicy.DOWNSAMPLE",
                    source, tokens, frames, size[1], size[0], frames / FrameSampler.FRAME_FACTOR,
                    tokens / (frames / FrameSampler.FRAME_FACTOR), limit));
        }
        long budgetPixels = Math.min(totalPixels, (long) limit * FACTOR * FACTOR);
        for (int n = frames; n >= FrameSampler.FRAME_FACTOR; n -= FrameSampler.FRAME_FACTOR) {
            int[] s = frameSize(height, width, n, options.minPixels(), budgetPixels);
            if (tokens(n, s[0], s[1]) <= limit) {
                return new Plan(n, s[0], s[1], budgetPixels);
            }
        }
        int[] smallest = frameSize(height, width, FrameSampler.FRAME_FACTOR, options.minPixels(), budgetPixels);
        throw new IllegalArgumentException(String.format(
                "Video %s does not fit in %d visual tokens (maxVisualTokens) even with 2 frames: frames of at least "
                        + "%d pixels (minPixels) give %dx%d, %d tokens",
                source, limit, options.minPixels(), smallest[1], smallest[0],
                tokens(FrameSampler.FRAME_FACTOR, smallest[0], smallest[1])));
    }

    /**
     * The clip to build.
     *
     * @param frames frame count (even)
     * @param height frame height
     * @param width frame width
     * @param totalPixels the pixel budget the size was computed with
     */
    record Plan(int frames, int height, int width, long totalPixels) {}
}

package dev.qwen3vl.input.video;

import dev.qwen3vl.util.Linspace;

/**
 * Which frames of a video the reference feeds to the model (qwen-vl-utils' {@code fetch_video}): the frame range of
 * {@code video_start}/{@code video_end}, the frame count of {@code smart_nframes} and the frame indices from a
 * float32 {@code torch.linspace} rounded half to even; for a video given as a list of frames, the numpy
 * {@code linspace} sub-sampling of lists longer than {@code max_frames}.
 */
public final class FrameSampler {

    /** Frames per temporal patch; frame counts are multiples of it. */
    public static final int FRAME_FACTOR = 2;

    private FrameSampler() {}

    /**
     * The frames between two optional times ({@code calculate_video_frame_range}): start frame
     * {@code ceil(s·fps)}, end frame {@code floor(e·fps)} clamped to the last frame, both times first clamped
     * to [0, frames / fps].
     *
     * @param totalFrames frames of the video
     * @param videoFps native frame rate
     * @param startSeconds start time, or {@code null} for the first frame
     * @param endSeconds end time, or {@code null} for the last frame
     * @throws IllegalArgumentException if the video has no frames, the rate is not positive or the range holds
     *     fewer than two frames
     */
    public static FrameRange range(int totalFrames, double videoFps, Double startSeconds, Double endSeconds) {
        if (!(videoFps > 0) || Double.isInfinite(videoFps)) {
            throw new IllegalArgumentException("The video frame rate must be positive, got " + videoFps);
        }
        if (totalFrames <= 0) {
            throw new IllegalArgumentException("The video has no frames");
        }
        if (startSeconds == null && endSeconds == null) {
            return new FrameRange(0, totalFrames - 1);
        }
        double duration = totalFrames / videoFps;
        int start = 0;
        if (startSeconds != null) {
            start = (int) Math.ceil(Math.max(0.0, Math.min(startSeconds, duration)) * videoFps);
        }
        int end = totalFrames - 1;
        if (endSeconds != null) {
            end = Math.min((int) Math.floor(Math.max(0.0, Math.min(endSeconds, duration)) * videoFps), totalFrames - 1);
        }
        if (start >= end) {
            throw new IllegalArgumentException(String.format(
                    "Invalid time range: start frame %d (%s s) is not before end frame %d (%s s) of a video of %d "
                            + "frames at %s fps",
                    start, startSeconds == null ? "0" : startSeconds, end,
                    endSeconds == null ? "end" : endSeconds, totalFrames, videoFps));
        }
        return new FrameRange(start, end);
    }

    /**
     * The number of frames to sample ({@code smart_nframes} with {@code fps}): {@code frames / videoFps · fps}
     * bounded below by {@code minFrames} rounded up to even, above by {@code maxFrames} rounded down to even and
     * by {@code frames}, then rounded down to even.
     *
     * @param frames frames in the range
     * @param videoFps native frame rate
     * @param fps frames to sample per second of video
     * @param minFrames lower bound
     * @param maxFrames upper bound
     * @throws IllegalArgumentException if the result is outside [2, frames] (a video of one frame)
     */
    public static int frameCount(int frames, double videoFps, double fps, int minFrames, int maxFrames) {
        double lower = ceilEven(minFrames);
        double upper = floorEven(maxFrames);
        double n = frames / videoFps * fps;
        n = Math.min(Math.min(Math.max(n, lower), upper), frames);
        int count = (int) floorEven(n);
        if (count < FRAME_FACTOR || count > frames) {
            throw new IllegalArgumentException("A video needs between " + FRAME_FACTOR + " and " + frames
                    + " sampled frames, got " + count + " (" + frames + " frames at " + videoFps + " fps)");
        }
        return count;
    }

    /**
     * {@code n} frame indices from {@code start} to {@code end}: float32 {@code torch.linspace} values rounded
     * half to even.
     */
    public static int[] indices(int start, int end, int n) {
        float[] values = Linspace.float32(start, end, n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) Math.rint(values[i]);
        }
        return out;
    }

    /**
     * The frames of a video file the reference samples: {@link #range}, {@link #frameCount} on the frames of the
     * range, then {@link #indices} over the range.
     */
    public static int[] sample(int totalFrames, double videoFps, VideoOptions options) {
        FrameRange range = range(totalFrames, videoFps, options.startSeconds(), options.endSeconds());
        int n = frameCount(range.count(), videoFps, options.fps(), options.minFrames(), options.maxFrames());
        return indices(range.start(), range.end(), n);
    }

    /**
     * The positions kept from a list of {@code length} frames: all of them if there are at most
     * {@code maxFrames}, else numpy {@code linspace(0, length − 1, maxFrames)} truncated to integers.
     */
    public static int[] frameListIndices(int length, int maxFrames) {
        if (length <= 0) {
            throw new IllegalArgumentException("A video needs at least one frame, got " + length);
        }
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be positive, got " + maxFrames);
        }
        int n = Math.min(length, maxFrames);
        int[] out = new int[n];
        if (length <= maxFrames) {
            for (int i = 0; i < n; i++) {
                out[i] = i;
            }
            return out;
        }
        // numpy: i · step + start with step = (stop − start) / (num − 1), the last value set to stop
        double step = n > 1 ? (double) (length - 1) / (n - 1) : 0.0;
        for (int i = 0; i < n; i++) {
            out[i] = (int) (i * step);
        }
        if (n > 1) {
            out[n - 1] = length - 1;
        }
        return out;
    }

    private static double ceilEven(double x) {
        return Math.ceil(x / FRAME_FACTOR) * FRAME_FACTOR;
    }

    private static double floorEven(double x) {
        return Math.floor(x / FRAME_FACTOR) * FRAME_FACTOR;
    }

    /**
     * An inclusive range of frame indices.
     *
     * @param start first frame
     * @param end last frame
     */
    public record FrameRange(int start, int end) {

        /** Number of frames in the range. */
        public int count() {
            return end - start + 1;
        }
    }
}

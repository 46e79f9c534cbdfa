package dev.qwen3vl.input.video;

import java.util.Objects;

/**
 * How a video is turned into model input (qwen-vl-utils' {@code fetch_video}). The defaults are those of the reference embedder and
 * reranker: 1 frame per second, 4 to 64 frames, at least 131,072 pixels per frame, no pixel total for video
 * files (so each frame may have up to 786,432 pixels) and 7,864,320 pixels in all for frame lists.
 *
 * <p>On top of the reference rules, {@link #maxVisualTokens()} bounds the {@code <|video_pad|>} tokens of one
 * video ({@code gridT·gridH·gridW/4}); {@link #overBudget()} says whether a video over that bound is an error
 * ({@link TokenBudgetPolicy#FAIL}, the default) or is made smaller ({@link TokenBudgetPolicy#DOWNSAMPLE}).
 */
public final class VideoOptions {

    /** {@code total_pixels} the reference passes for a video given as a list of frames (10·768·32²). */
    public static final long FRAME_LIST_TOTAL_PIXELS = 7_864_320L;
    /**
     * {@code total_pixels} qwen-vl-utils assumes when none is passed, as for video files:
     * {@code MODEL_SEQ_LEN·32²·0.9} with {@code MODEL_SEQ_LEN = 128000}.
     */
    public static final long DEFAULT_TOTAL_PIXELS = 117_964_800L;
    /** The reference's {@code max_length}: a video with more visual tokens can never fit in its prompt. */
    public static final int DEFAULT_MAX_VISUAL_TOKENS = 8192;

    private static final VideoOptions DEFAULTS = builder().build();

    private final double fps;
    private final int minFrames;
    private final int maxFrames;
    private final Double startSeconds;
    private final Double endSeconds;
    private final long minPixels;
    private final Long totalPixels;
    private final double sampleFps;
    private final int maxVisualTokens;
    private final TokenBudgetPolicy overBudget;

    private VideoOptions(Builder b) {
        this.fps = b.fps;
        this.minFrames = b.minFrames;
        this.maxFrames = b.maxFrames;
        this.startSeconds = b.startSeconds;
        this.endSeconds = b.endSeconds;
        this.minPixels = b.minPixels;
        this.totalPixels = b.totalPixels;
        this.sampleFps = b.sampleFps;
        this.maxVisualTokens = b.maxVisualTokens;
        this.overBudget = b.overBudget;
    }

    /** The reference defaults. */
    public static VideoOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Frames sampled per second of a video file (reference {@code fps}, default 1). */
    public double fps() {
        return fps;
    }

    /** Fewest frames sampled from a video file (reference {@code min_frames}, default 4). */
    public int minFrames() {
        return minFrames;
    }

    /** Most frames sampled from a file or kept from a frame list (reference {@code max_frames}, default 64). */
    public int maxFrames() {
        return maxFrames;
    }

    /** Start of the part of a video file to use, in seconds, or {@code null} for its beginning. */
    public Double startSeconds() {
        return startSeconds;
    }

    /** End of the part of a video file to use, in seconds, or {@code null} for its end. */
    public Double endSeconds() {
        return endSeconds;
    }

    /** Fewest pixels of a resized frame (reference {@code min_pixels}, default 128·32² = 131,072). */
    public long minPixels() {
        return minPixels;
    }

    /**
     * Pixel budget of the clip (reference {@code total_pixels}), or {@code null} for the reference's choice:
     * {@link #DEFAULT_TOTAL_PIXELS} for files, {@link #FRAME_LIST_TOTAL_PIXELS} for frame lists.
     */
    public Long totalPixels() {
        return totalPixels;
    }

    /** The pixel budget used for a clip of this kind. */
    public long totalPixels(boolean frameList) {
        if (totalPixels != null) {
            return totalPixels;
        }
        return frameList ? FRAME_LIST_TOTAL_PIXELS : DEFAULT_TOTAL_PIXELS;
    }

    /**
     * Frame rate assumed for a list of frames (reference {@code sample_fps}, default 2): frame k of the list is
     * placed at {@code k / sampleFps} seconds.
     */
    public double sampleFps() {
        return sampleFps;
    }

    /** Most {@code <|video_pad|>} tokens one video may produce (default {@value #DEFAULT_MAX_VISUAL_TOKENS}). */
    public int maxVisualTokens() {
        return maxVisualTokens;
    }

    /** What happens to a video over {@link #maxVisualTokens()} (default {@link TokenBudgetPolicy#FAIL}). */
    public TokenBudgetPolicy overBudget() {
        return overBudget;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VideoOptions other)) {
            return false;
        }
        return Double.compare(fps, other.fps) == 0 && minFrames == other.minFrames && maxFrames == other.maxFrames
                && Objects.equals(startSeconds, other.startSeconds) && Objects.equals(endSeconds, other.endSeconds)
                && minPixels == other.minPixels && Objects.equals(totalPixels, other.totalPixels)
                && Double.compare(sampleFps, other.sampleFps) == 0 && maxVisualTokens == other.maxVisualTokens
                && overBudget == other.overBudget;
    }

    @Override
    public int hashCode() {
        return Objects.hash(fps, minFrames, maxFrames, startSeconds, endSeconds, minPixels, totalPixels, sampleFps,
                maxVisualTokens, overBudget);
    }

    @Override
    public String toString() {
        return "VideoOptions{fps=" + fps + ", minFrames=" + minFrames + ", maxFrames=" + maxFrames
                + ", startSeconds=" + startSeconds + ", endSeconds=" + endSeconds + ", minPixels=" + minPixels
                + ", totalPixels=" + totalPixels + ", sampleFps=" + sampleFps + ", maxVisualTokens="
                + maxVisualTokens + ", overBudget=" + overBudget + '}';
    }

    /** Builds {@link VideoOptions}; every setter checks its value. */
    public static final class Builder {

        private double fps = 1.0;
        private int minFrames = 4;
        private int maxFrames = 64;
        private Double startSeconds;
        private Double endSeconds;
        private long minPixels = 131_072L;
        private Long totalPixels;
        private double sampleFps = 2.0;
        private int maxVisualTokens = DEFAULT_MAX_VISUAL_TOKENS;
        private TokenBudgetPolicy overBudget = TokenBudgetPolicy.FAIL;

        private Builder() {}

        private Builder(VideoOptions o) {
            fps = o.fps;
            minFrames = o.minFrames;
            maxFrames = o.maxFrames;
            startSeconds = o.startSeconds;
            endSeconds = o.endSeconds;
            minPixels = o.minPixels;
            totalPixels = o.totalPixels;
            sampleFps = o.sampleFps;
            maxVisualTokens = o.maxVisualTokens;
            overBudget = o.overBudget;
        }

        /** Frames sampled per second of a video file; positive. */
        public Builder fps(double fps) {
            this.fps = positive("fps", fps);
            return this;
        }

        /** Fewest frames sampled from a video file; at least 1. */
        public Builder minFrames(int minFrames) {
            if (minFrames < 1) {
                throw new IllegalArgumentException("minFrames must be at least 1, got " + minFrames);
            }
            this.minFrames = minFrames;
            return this;
        }

        /** Most frames sampled from a file or kept from a frame list; at least 2. */
        public Builder maxFrames(int maxFrames) {
            if (maxFrames < FrameSampler.FRAME_FACTOR) {
                throw new IllegalArgumentException("maxFrames must be at least 2, got " + maxFrames);
            }
            this.maxFrames = maxFrames;
            return this;
        }

        /** Start of the part of a video file to use, in seconds (not negative), or {@code null}. */
        public Builder startSeconds(Double startSeconds) {
            this.startSeconds = startSeconds == null ? null : notNegative("startSeconds", startSeconds);
            return this;
        }

        /** End of the part of a video file to use, in seconds (not negative), or {@code null}. */
        public Builder endSeconds(Double endSeconds) {
            this.endSeconds = endSeconds == null ? null : notNegative("endSeconds", endSeconds);
            return this;
        }

        /** Fewest pixels of a resized frame; positive. */
        public Builder minPixels(long minPixels) {
            if (minPixels < 1) {
                throw new IllegalArgumentException("minPixels must be positive, got " + minPixels);
            }
            this.minPixels = minPixels;
            return this;
        }

        /** Pixel budget of the clip (positive), or {@code null} for the reference's choice. */
        public Builder totalPixels(Long totalPixels) {
            if (totalPixels != null && totalPixels < 1) {
                throw new IllegalArgumentException("totalPixels must be positive, got " + totalPixels);
            }
            this.totalPixels = totalPixels;
            return this;
        }

        /** Frame rate assumed for a list of frames; positive. */
        public Builder sampleFps(double sampleFps) {
            this.sampleFps = positive("sampleFps", sampleFps);
            return this;
        }

        /** Most {@code <|video_pad|>} tokens of one video; positive. */
        public Builder maxVisualTokens(int maxVisualTokens) {
            if (maxVisualTokens < 1) {
                throw new IllegalArgumentException("maxVisualTokens must be positive, got " + maxVisualTokens);
            }
            this.maxVisualTokens = maxVisualTokens;
            return this;
        }

        /** What happens to a video over {@link #maxVisualTokens(int)}. */
        public Builder overBudget(TokenBudgetPolicy overBudget) {
            this.overBudget = Objects.requireNonNull(overBudget, "overBudget");
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException if the start is not before the end
         */
        public VideoOptions build() {
            if (startSeconds != null && endSeconds != null && startSeconds >= endSeconds) {
                throw new IllegalArgumentException(
                        "startSeconds " + startSeconds + " must be before endSeconds " + endSeconds);
            }
            return new VideoOptions(this);
        }

        private static double positive(String name, double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
            }
            return v;
        }

        private static double notNegative(String name, double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " must be finite and not negative, got " + v);
            }
            return v;
        }
    }
}

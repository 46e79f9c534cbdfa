package dev.qwen3vl.inference;

import dev.qwen3vl.input.image.ImageLimits;
import dev.qwen3vl.input.video.VideoOptions;
import dev.qwen3vl.model.ModelOptions;
import java.util.Objects;

/**
 * Everything that shapes how a Qwen3-VL model runs, shared by {@link Qwen3VlEmbedder} and
 * {@link Qwen3VlReranker}.
 *
 * @param model device, dtype, attention memory bound
 * @param batching dynamic batching limits
 * @param imageLimits image decoding guards and resize bounds
 * @param videoOptions default video sampling and token budget
 * @param maxLength most tokens per input (null: 8,192 for embeddings, 10,240 for the reranker)
 * @param truncate whether over-long inputs are truncated (reference rule) instead of rejected
 */
public record EngineSettings(
        ModelOptions model,
        BatchingOptions batching,
        ImageLimits imageLimits,
        VideoOptions videoOptions,
        Integer maxLength,
        boolean truncate) {

    /** Checks the values. */
    public EngineSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(batching, "batching");
        Objects.requireNonNull(imageLimits, "imageLimits");
        Objects.requireNonNull(videoOptions, "videoOptions");
        if (maxLength != null && maxLength < 16) {
            throw new IllegalArgumentException("maxLength must be at least 16 tokens, got " + maxLength);
        }
    }

    /** CPU, float32, default batching, limits and video sampling, no truncation. */
    public static EngineSettings defaults() {
        return new EngineSettings(ModelOptions.cpu(), BatchingOptions.defaults(), ImageLimits.defaults(),
                VideoOptions.defaults(), null, false);
    }

    /** A copy with other model options. */
    public EngineSettings withModel(ModelOptions model) {
        return new EngineSettings(model, batching, imageLimits, videoOptions, maxLength, truncate);
    }

    /** A copy with other batching limits. */
    public EngineSettings withBatching(BatchingOptions batching) {
        return new EngineSettings(model, batching, imageLimits, videoOptions, maxLength, truncate);
    }

    /** A copy with other image limits. */
    public EngineSettings withImageLimits(ImageLimits imageLimits) {
        return new EngineSettings(model, batching, imageLimits, videoOptions, maxLength, truncate);
    }

    /** A copy with other video defaults. */
    public EngineSettings withVideoOptions(VideoOptions videoOptions) {
        return new EngineSettings(model, batching, imageLimits, videoOptions, maxLength, truncate);
    }

    /** A copy with another length limit and truncation policy. */
    public EngineSettings withMaxLength(Integer maxLength, boolean truncate) {
        return new EngineSettings(model, batching, imageLimits, videoOptions, maxLength, truncate);
    }
}

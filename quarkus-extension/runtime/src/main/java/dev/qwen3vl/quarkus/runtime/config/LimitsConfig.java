package dev.qwen3vl.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.smallrye.config.WithDefault;
import java.util.OptionalInt;

/** Limits on what one input may contain. */
@ConfigGroup
public interface LimitsConfig {

    /**
     * Largest width × height an image may declare in its header, checked before any pixel is decoded (a guard
     * against decompression bombs). The image is then resized to the model's pixel budget.
     */
    @WithDefault("100000000")
    long maxPixels();

    /** Most frames sampled from a video file or kept from a list of frames. At least 2. */
    @WithDefault("64")
    int maxVideoFrames();

    /**
     * Most tokens of one input (for the reranker: of one query-document pair), images and video frames included.
     * At least 16.
     */
    @ConfigDocDefault("8192 for embeddings, 10240 for the reranker")
    OptionalInt maxInputTokens();

    /**
     * Whether an input over {@link #maxInputTokens()} is truncated (by the reference implementation's rule) instead
     * of rejected with an error.
     */
    @WithDefault("false")
    boolean truncate();
}

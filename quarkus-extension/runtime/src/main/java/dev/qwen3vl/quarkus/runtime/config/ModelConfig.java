package dev.qwen3vl.quarkus.runtime.config;

import dev.qwen3vl.model.Quantization;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** One model name: its embedding model, its reranker and how both run. */
@ConfigGroup
public interface ModelConfig {

    /** The embedding model (Qwen3-VL-Embedding), injected as {@code EmbeddingModel}. */
    @ConfigDocSection
    EmbeddingModelConfig embedding();

    /** The reranker (Qwen3-VL-Reranker), injected as {@code ScoringModel}. */
    @ConfigDocSection
    ScoringModelConfig scoring();

    /** Device the models run on: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. */
    @WithDefault("cpu")
    String device();

    /**
     * Compute type of the linear layers: {@code auto} (bfloat16 on CUDA and on CPUs with avx512_bf16 or AMX, float32
     * elsewhere; the choice and its reason are logged), {@code float32} (exact mode), {@code bfloat16}, or
     * {@code float16} (CUDA only: refused on the CPU).
     */
    @WithDefault("auto")
    String dtype();

    /**
     * How the weights of the linear layers are held in memory: {@code none} (the compute type), {@code fp16}
     * (half the memory of float32) or {@code int8} (weight-only int8 with one scale per output channel, a quarter of
     * the memory of float32).
     */
    @WithDefault("none")
    Quantization quantization();

    /** Dynamic batching of concurrent requests into shared forward passes. */
    @ConfigDocSection
    BatchingConfig batching();

    /** Input limits. */
    @ConfigDocSection
    LimitsConfig limits();
}

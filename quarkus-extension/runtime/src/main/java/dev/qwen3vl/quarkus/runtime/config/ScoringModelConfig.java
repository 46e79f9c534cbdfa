package dev.qwen3vl.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigGroup;
import java.util.Optional;

/** A Qwen3-VL-Reranker model. */
@ConfigGroup
public interface ScoringModelConfig {

    /**
     * The model: a local folder in the Hugging Face layout or a hub id such as {@code Qwen/Qwen3-VL-Reranker-2B} (see
     * {@code quarkus.qwen3vl.embedding.model}). Without it, this name has no scoring model (an injected bean is
     * inactive).
     */
    Optional<String> model();

    /** The {@code <Instruct>} of the reranker prompt. */
    @ConfigDocDefault("Given a search query, retrieve relevant candidates that answer the query.")
    Optional<String> instruction();
}

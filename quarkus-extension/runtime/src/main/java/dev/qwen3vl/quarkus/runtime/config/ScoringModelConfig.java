package dev.qwen3vl.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;
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

    /**
     * Memory for the vision tower's outputs of the documents' images, pages and video clips (native memory), kept by
     * content so that a document scored against another query skips the vision tower; least recently used entries
     * leave first. The decoded and resized pixels are kept on the Java heap under a bound of the same size, so the
     * two together use up to twice this. {@code 0} turns both off.
     */
    @WithDefault("256M")
    MemorySize visionCache();
}

package dev.qwen3vl.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigGroup;
import java.util.Optional;
import java.util.OptionalInt;

/** A Qwen3-VL-Embedding model. */
@ConfigGroup
public interface EmbeddingModelConfig {

    /**
     * The model: a local folder in the Hugging Face layout ({@code config.json}, {@code tokenizer.json} and
     * {@code model.safetensors} or a sharded index), or a hub id such as {@code Qwen/Qwen3-VL-Embedding-2B}
     * (optionally {@code @revision}) looked up in the local hub cache and downloaded only when
     * {@code quarkus.qwen3vl.download.allowed} is true. Without it, this name has no embedding model (an injected
     * bean is inactive).
     */
    Optional<String> model();

    /**
     * Matryoshka dimension of the embeddings: the first {@code dimension} values of the pooled hidden state,
     * L2-normalised again. Between 1 and the model's hidden size (2048 for the 2B model, 4096 for the 8B model);
     * the model card recommends at least 64. By default the full hidden size.
     */
    @ConfigDocDefault("the model's hidden size")
    OptionalInt dimension();

    /**
     * Instruction of the embedding prompt for documents and for calls that do not say they embed a query.
     */
    @ConfigDocDefault("Represent the user's input.")
    Optional<String> instruction();

    /** Instruction of the embedding prompt for calls that embed a query ({@code EmbeddingInputType.QUERY}). */
    @ConfigDocDefault("Retrieve images or text relevant to the user's query.")
    Optional<String> queryInstruction();
}

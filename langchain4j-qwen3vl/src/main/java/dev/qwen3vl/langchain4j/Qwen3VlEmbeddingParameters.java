package dev.qwen3vl.langchain4j;

import dev.langchain4j.model.embedding.request.EmbeddingParameter;

/** Per-call embedding parameters of Qwen3-VL beyond LangChain4j's common ones. */
public final class Qwen3VlEmbeddingParameters {

    /**
     * The task instruction for this call (the system message of the embedding prompt), e.g.
     * "Retrieve passages that answer this question." It overrides the instruction chosen by
     * {@code INPUT_TYPE}.
     */
    public static final EmbeddingParameter<String> INSTRUCTION =
            new EmbeddingParameter<>("qwen3vl.instruction", String.class);

    private Qwen3VlEmbeddingParameters() {}
}

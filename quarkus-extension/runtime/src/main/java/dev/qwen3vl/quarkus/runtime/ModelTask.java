package dev.qwen3vl.quarkus.runtime;

/** What a configured model does; also the name of its configuration group. */
public enum ModelTask {
    /** Qwen3-VL-Embedding, a LangChain4j {@code EmbeddingModel}. */
    EMBEDDING("embedding"),
    /** Qwen3-VL-Reranker, a LangChain4j {@code ScoringModel}. */
    SCORING("scoring");

    private final String key;

    ModelTask(String key) {
        this.key = key;
    }

    /** The configuration group ({@code embedding} or {@code scoring}), also used in logs, health and metrics. */
    public String key() {
        return key;
    }
}

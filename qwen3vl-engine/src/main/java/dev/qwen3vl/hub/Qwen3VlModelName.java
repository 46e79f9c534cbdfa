package dev.qwen3vl.hub;

/**
 * The published Qwen3-VL retrieval checkpoints, with their hub id and the width of their last hidden state (the
 * embedding dimension of the embedding models; the reranker scores from a hidden state of the same width).
 */
public enum Qwen3VlModelName {

    /** Qwen3-VL-Embedding-2B: 2048-dimensional embeddings. */
    QWEN3_VL_EMBEDDING_2B("Qwen/Qwen3-VL-Embedding-2B", 2048),
    /** Qwen3-VL-Embedding-8B: 4096-dimensional embeddings. */
    QWEN3_VL_EMBEDDING_8B("Qwen/Qwen3-VL-Embedding-8B", 4096),
    /** Qwen3-VL-Reranker-2B: hidden size 2048. */
    QWEN3_VL_RERANKER_2B("Qwen/Qwen3-VL-Reranker-2B", 2048),
    /** Qwen3-VL-Reranker-8B: hidden size 4096. */
    QWEN3_VL_RERANKER_8B("Qwen/Qwen3-VL-Reranker-8B", 4096);

    private final String hubId;
    private final int embeddingDimension;

    Qwen3VlModelName(String hubId, int embeddingDimension) {
        this.hubId = hubId;
        this.embeddingDimension = embeddingDimension;
    }

    /** The hub id, {@code org/name}, as accepted by {@link ModelResolver#resolve(String)}. */
    public String hubId() {
        return hubId;
    }

    /** The width of the model's last hidden state: the full embedding dimension of the embedding models. */
    public int embeddingDimension() {
        return embeddingDimension;
    }

    /** Whether this is an embedding model (otherwise a reranker). */
    public boolean isEmbedding() {
        return hubId.contains("-Embedding-");
    }

    /** The constant whose hub id is {@code hubId} (case-insensitive); fails naming the known ids otherwise. */
    public static Qwen3VlModelName fromHubId(String hubId) {
        for (Qwen3VlModelName name : values()) {
            if (name.hubId.equalsIgnoreCase(hubId)) {
                return name;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Qwen3VlModelName name : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(name.hubId);
        }
        throw new IllegalArgumentException("Unknown Qwen3-VL model '" + hubId + "'; known: " + known);
    }
}

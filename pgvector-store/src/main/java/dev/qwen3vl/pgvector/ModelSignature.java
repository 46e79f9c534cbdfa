package dev.qwen3vl.pgvector;

/**
 * The embedding model whose vectors a table holds: the store records it with the table and refuses to open the
 * table for another one, since embeddings of different models (or computed in another precision) are not
 * comparable.
 *
 * @param modelId   the model, e.g. a hub id such as {@code Qwen/Qwen3-VL-Embedding-2B} or a folder
 * @param dimension the dimension of its embeddings
 * @param dtype     the compute type the embeddings were computed in, e.g. {@code float32}
 */
public record ModelSignature(String modelId, int dimension, String dtype) {

    /**
     * @throws IllegalArgumentException if the model id or dtype is blank
     */
    public ModelSignature {
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("The embedding model id cannot be blank");
        }
        if (dtype == null || dtype.isBlank()) {
            throw new IllegalArgumentException("The embedding model's dtype cannot be blank");
        }
    }

    /** @return e.g. {@code Qwen/Qwen3-VL-Embedding-2B (2048 dimensions, float32)} */
    @Override
    public String toString() {
        return modelId + " (" + dimension + " dimensions, " + dtype + ")";
    }
}

package dev.qwen3vl.inference;

/**
 * One embedding.
 *
 * @param vector L2-normalised, of the requested dimension
 * @param tokenCount tokens of the input (visual tokens included)
 */
public record EmbeddingResult(float[] vector, int tokenCount) {}

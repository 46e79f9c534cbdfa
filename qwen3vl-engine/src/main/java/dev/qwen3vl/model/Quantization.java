package dev.qwen3vl.model;

/**
 * How the weights of the linear layers (decoder and vision tower) are held in memory. Norms, position tables
 * and biases always keep the compute type; {@code embed_tokens} is never loaded (rows are read on demand).
 */
public enum Quantization {
    /** Weights in the compute type. */
    NONE,
    /** Weights stored as float16 (half the memory of float32), widened to the compute type for each use. */
    FP16,
    /**
     * Weight-only int8 with one scale per output channel ({@code scale = max|w_row| / 127}): a quarter of the
     * memory of float32, dequantized for each use.
     */
    INT8
}

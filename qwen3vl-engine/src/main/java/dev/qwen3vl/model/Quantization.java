package dev.qwen3vl.model;

/**
 * How the weights of the linear layers (decoder and vision tower) are held in memory. Norms, position tables
 * and biases always keep the compute type; {@code embed_tokens} is never loaded (rows are read on demand).
 */
public enum Quantization {
    /** Weights in the compute type. */
    NONE,
    /** Weights stored as float16 (half the memory of float32), widened for each use; float32 compute only. */
    FP16,
    /**
     * int8 weights with one scale per output channel: a quarter of the memory of float32. On the CPU the layers run
     * libtorch's INT8 GEMM (fbgemm; activations quantized per call, float32 in and out); on a GPU the weights are
     * dequantized for each use ({@code scale = max|w_row| / 127}).
     */
    INT8
}

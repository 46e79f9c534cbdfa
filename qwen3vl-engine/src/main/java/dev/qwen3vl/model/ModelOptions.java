package dev.qwen3vl.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

/**
 * How a {@link Qwen3VlModel} is loaded and run.
 *
 * @param device where tensors live: {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param dtype weight and activation type: FLOAT32 (CPU default) or FLOAT16 (GPU default); BF16 checkpoints
 *     are converted while loading because DJL cannot hold BF16
 * @param quantization how linear-layer weights are stored
 * @param maxAttentionScoreBytes bound on one attention score block; queries are chunked to stay below it
 * @param threads libtorch intra-op threads, or null for libtorch's default (one per core). libtorch has one thread
 *     pool per process: loading a model with a value sets it for every model of the JVM.
 * @param visionCacheBytes bound on the vision tower outputs kept per image or video (keyed by their content), and on
 *     the decoded media kept by the inference runtime; 0 turns both caches off
 */
public record ModelOptions(String device, DataType dtype, Quantization quantization, long maxAttentionScoreBytes,
        Integer threads, long visionCacheBytes) {

    /** Default score block bound: 256 MiB. */
    public static final long DEFAULT_MAX_ATTENTION_SCORE_BYTES = 256L << 20;

    /** Validates the values. */
    public ModelOptions {
        toDevice(device);
        java.util.Objects.requireNonNull(quantization, "quantization");
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
            throw new IllegalArgumentException("dtype must be FLOAT32 or FLOAT16, got " + dtype);
        }
        if (maxAttentionScoreBytes < 1 << 20) {
            throw new IllegalArgumentException("maxAttentionScoreBytes must be at least 1 MiB, got " + maxAttentionScoreBytes);
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (visionCacheBytes < 0) {
            throw new IllegalArgumentException("visionCacheBytes must be 0 (off) or positive, got " + visionCacheBytes);
        }
    }

    /** float32 on the CPU. */
    public static ModelOptions cpu() {
        return new ModelOptions("cpu", DataType.FLOAT32, Quantization.NONE, DEFAULT_MAX_ATTENTION_SCORE_BYTES, null,
                0L);
    }

    /** A copy with another weight storage. */
    public ModelOptions withQuantization(Quantization quantization) {
        return new ModelOptions(device, dtype, quantization, maxAttentionScoreBytes, threads, visionCacheBytes);
    }

    /** A copy on another device with its natural dtype: float16 on a GPU, float32 on the CPU. */
    public ModelOptions withDevice(String device) {
        DataType type = toDevice(device).isGpu() ? DataType.FLOAT16 : DataType.FLOAT32;
        return new ModelOptions(device, type, quantization, maxAttentionScoreBytes, threads, visionCacheBytes);
    }

    /** A copy with another compute type. */
    public ModelOptions withDtype(DataType dtype) {
        return new ModelOptions(device, dtype, quantization, maxAttentionScoreBytes, threads, visionCacheBytes);
    }

    /** A copy with another libtorch thread count (null: libtorch's default). */
    public ModelOptions withThreads(Integer threads) {
        return new ModelOptions(device, dtype, quantization, maxAttentionScoreBytes, threads, visionCacheBytes);
    }

    /** A copy with another vision cache bound (0: off). */
    public ModelOptions withVisionCacheBytes(long visionCacheBytes) {
        return new ModelOptions(device, dtype, quantization, maxAttentionScoreBytes, threads, visionCacheBytes);
    }

    /** The DJL device named by {@code device}. */
    Device djlDevice() {
        return toDevice(device);
    }

    static Device toDevice(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("cpu")) {
            return Device.cpu();
        }
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.equals("gpu") || n.equals("cuda")) {
            return Device.gpu();
        }
        if (n.startsWith("gpu:") || n.startsWith("cuda:")) {
            try {
                return Device.gpu(Integer.parseInt(n.substring(n.indexOf(':') + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Device '" + name + "' has no valid GPU index; use cpu, gpu or gpu:N");
            }
        }
        throw new IllegalArgumentException("Unknown device '" + name + "'; use cpu, gpu or gpu:N");
    }
}

package dev.qwen3vl.model;

import ai.djl.Device;

/**
 * How a {@link Qwen3VlModel} is loaded and run.
 *
 * @param device where tensors live: {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param dtype the compute type of the linear layers ({@link ComputeType}); {@code AUTO} is resolved when the model
 *     loads ({@link ComputeType#resolve}). {@link #cpu()} uses FLOAT32, the exact mode.
 * @param quantization how linear-layer weights are stored
 * @param threads libtorch intra-op threads, or null for libtorch's default (one per core). libtorch has one thread
 *     pool per process: loading a model with a value sets it for every model of the JVM.
 * @param visionCacheBytes bound on the vision tower outputs kept per image or video (keyed by their content), and on
 *     the decoded media kept by the inference runtime; 0 turns both caches off
 */
public record ModelOptions(String device, ComputeType dtype, Quantization quantization, Integer threads,
        long visionCacheBytes) {

    /** Validates the values. */
    public ModelOptions {
        toDevice(device);
        java.util.Objects.requireNonNull(dtype, "dtype");
        java.util.Objects.requireNonNull(quantization, "quantization");
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (visionCacheBytes < 0) {
            throw new IllegalArgumentException("visionCacheBytes must be 0 (off) or positive, got " + visionCacheBytes);
        }
    }

    /** float32 (exact mode) on the CPU. */
    public static ModelOptions cpu() {
        return new ModelOptions("cpu", ComputeType.FLOAT32, Quantization.NONE, null, 0L);
    }

    /** A copy with another weight storage. */
    public ModelOptions withQuantization(Quantization quantization) {
        return new ModelOptions(device, dtype, quantization, threads, visionCacheBytes);
    }

    /** A copy on another device (the compute type is kept). */
    public ModelOptions withDevice(String device) {
        return new ModelOptions(device, dtype, quantization, threads, visionCacheBytes);
    }

    /** A copy with another compute type. */
    public ModelOptions withDtype(ComputeType dtype) {
        return new ModelOptions(device, dtype, quantization, threads, visionCacheBytes);
    }

    /** A copy with another libtorch thread count (null: libtorch's default). */
    public ModelOptions withThreads(Integer threads) {
        return new ModelOptions(device, dtype, quantization, threads, visionCacheBytes);
    }

    /** A copy with another vision cache bound (0: off). */
    public ModelOptions withVisionCacheBytes(long visionCacheBytes) {
        return new ModelOptions(device, dtype, quantization, threads, visionCacheBytes);
    }

    /** The compute type on this options' device: {@code dtype} with AUTO resolved, and why. */
    public ComputeType.Resolved resolvedDtype(CpuFeatures cpu) {
        return dtype.resolve(toDevice(device).isGpu(), cpu);
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

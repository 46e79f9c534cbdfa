package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/**
 * A linear layer {@code y = x Wᵀ + b} with the weight in the checkpoint's {@code [out, in]} layout.
 * Several checkpoint projections may be fused along {@code out} (q|k|v, gate|up) and split after the call.
 */
final class Projection implements AutoCloseable {

    private final NDArray weight; // [out, in]
    private final NDArray bias; // [out] or null

    Projection(NDArray weight, NDArray bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** {@code x [..., in]} → {@code [..., out]}. */
    NDArray apply(NDArray x) {
        return (bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias)).singletonOrThrow();
    }

    /** Output features. */
    long outFeatures() {
        return weight.getShape().get(0);
    }

    @Override
    public void close() {
        weight.close();
        if (bias != null) {
            bias.close();
        }
    }
}

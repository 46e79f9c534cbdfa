package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;

/**
 * A linear layer {@code y = x Wᵀ + b} with the weight in the checkpoint's {@code [out, in]} layout, possibly
 * stored quantized ({@link Quantization}). Several checkpoint projections may be fused along {@code out}
 * (q|k|v, gate|up) and split after the call.
 */
final class Projection implements AutoCloseable {

    private final NDArray weight; // [out, in] in the compute type, float16 or int8
    private final NDArray scale; // [out, 1] for int8, else null
    private final NDArray bias; // [out] or null
    private final DataType computeType;

    private Projection(NDArray weight, NDArray scale, NDArray bias, DataType computeType) {
        this.weight = weight;
        this.scale = scale;
        this.bias = bias;
        this.computeType = computeType;
    }

    /**
     * Takes ownership of {@code weight} (in the compute type) and stores it as {@code quantization} asks.
     *
     * @param bias [out] or null
     */
    static Projection of(NDArray weight, NDArray bias, Quantization quantization) {
        DataType type = weight.getDataType();
        switch (quantization) {
            case FP16:
                if (type == DataType.FLOAT16) {
                    return new Projection(weight, null, bias, type);
                }
                NDArray half = weight.toType(DataType.FLOAT16, false);
                weight.close();
                return new Projection(half, null, bias, type);
            case INT8:
                try (NDArray absMax = weight.abs().max(new int[] {1}, true)) { // [out, 1]
                    NDArray scale = absMax.div(127f).maximum(1e-12f);
                    NDArray q;
                    try (NDArray scaled = weight.div(scale); NDArray rounded = scaled.round()) {
                        q = rounded.toType(DataType.INT8, false);
                    }
                    weight.close();
                    return new Projection(q, scale, bias, type);
                }
            default:
                return new Projection(weight, null, bias, type);
        }
    }

    /** {@code x [..., in]} → {@code [..., out]}. */
    NDArray apply(NDArray x) {
        if (weight.getDataType() == computeType) {
            return linear(x, weight);
        }
        try (NDArray w = dequantized()) {
            return linear(x, w);
        }
    }

    private NDArray dequantized() {
        NDArray w = weight.toType(computeType, false);
        return scale == null ? w : w.muli(scale);
    }

    private NDArray linear(NDArray x, NDArray w) {
        return (bias == null ? Linear.linear(x, w) : Linear.linear(x, w, bias)).singletonOrThrow();
    }

    /** Bytes the stored weight occupies. */
    long storedBytes() {
        return weight.getShape().size() * weight.getDataType().getNumOfBytes()
                + (scale == null ? 0 : scale.getShape().size() * 4);
    }

    @Override
    public void close() {
        weight.close();
        if (scale != null) {
            scale.close();
        }
        if (bias != null) {
            bias.close();
        }
    }
}

package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;

/**
 * A linear layer {@code y = x Wᵀ + b} with the weight in the checkpoint's {@code [out, in]} layout, possibly
 * stored quantized ({@link Quantization}). Several checkpoint projections may be fused along {@code out}
 * (q|k|v, gate|up) and split after the call.
 */
final class Projection implements AutoCloseable {

    // For few input rows, libtorch's CPU GEMM runs up to 1.3x faster on output blocks of 2048 features than on one
    // wide weight (measured at 128 x 2048 · 2048 x 12288: 109 → 146 GFLOP/s); from about 1024 rows on it makes no
    // difference, and the concatenation would only cost memory.
    private static final long OUTPUT_BLOCK = 2048;
    private static final long BLOCKED_BELOW_ROWS = 1024;

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
        long rows = x.getShape().size() / x.getShape().tail();
        long out = weight.getShape().get(0);
        if (rows >= BLOCKED_BELOW_ROWS || out <= OUTPUT_BLOCK) {
            return linear(x, weight, scale, bias);
        }
        NDList blocks = new NDList();
        try {
            for (long start = 0; start < out; start += OUTPUT_BLOCK) {
                NDIndex rowsOfBlock = new NDIndex("{}:{}", start, Math.min(out, start + OUTPUT_BLOCK));
                try (NDArray w = weight.get(rowsOfBlock); // [block, in]
                        NDArray s = scale == null ? null : scale.get(rowsOfBlock);
                        NDArray b = bias == null ? null : bias.get(rowsOfBlock)) {
                    blocks.add(linear(x, w, s, b)); // [..., block]
                }
            }
            return NDArrays.concat(blocks, -1);
        } finally {
            blocks.close();
        }
    }

    // w stored as float16 or int8 (with its scale s) is expanded to the compute type for the call
    private NDArray linear(NDArray x, NDArray w, NDArray s, NDArray b) {
        if (w.getDataType() == computeType) {
            return gemm(x, w, b);
        }
        try (NDArray converted = w.toType(computeType, false)) {
            return gemm(x, s == null ? converted : converted.muli(s), b);
        }
    }

    private static NDArray gemm(NDArray x, NDArray w, NDArray b) {
        return (b == null ? Linear.linear(x, w) : Linear.linear(x, w, b)).singletonOrThrow();
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

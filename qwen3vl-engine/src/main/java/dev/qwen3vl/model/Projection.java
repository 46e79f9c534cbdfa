package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.qwen3vl.torch.Int8Linear;
import dev.qwen3vl.torch.Kernels;

/**
 * A linear layer {@code y = x Wᵀ + b} with the weight in the checkpoint's {@code [out, in]} layout, possibly
 * stored quantized ({@link Quantization}). Inputs and outputs are float32; the GEMM runs in the weight's
 * compute type (libtorch's BF16 kernels through {@link Kernels}) or, for INT8 on the CPU, libtorch's INT8 GEMM. Several checkpoint projections may be fused along {@code out}
 * (q|k|v, gate|up) and split after the call.
 */
final class Projection implements AutoCloseable {

    // For few input rows, libtorch's CPU GEMM runs up to 1.3x faster on output blocks of 2048 features than on one
    // wide weight (measured at 128 x 2048 · 2048 x 12288: 109 → 146 GFLOP/s); from about 1024 rows on it makes no
    // difference, and the concatenation would only cost memory.
    private static final long OUTPUT_BLOCK = 2048;
    private static final long BLOCKED_BELOW_ROWS = 1024;

    private final NDArray weight; // [out, in] in the compute type, float16, int8, or null for int8Linear
    private final NDArray scale; // [out, 1] for dequantized int8, else null
    private final NDArray bias; // float32 [out] or null
    private final Int8Linear int8Linear; // CPU int8 GEMM, or null
    private final ComputeType computeType;

    private Projection(NDArray weight, NDArray scale, NDArray bias, Int8Linear int8Linear, ComputeType computeType) {
        this.weight = weight;
        this.scale = scale;
        this.bias = bias;
        this.int8Linear = int8Linear;
        this.computeType = computeType;
    }

    /**
     * Takes ownership of {@code weight} (float32) and stores it as {@code quantization} and {@code computeType} ask:
     * in the compute type, as float16 (float32 compute only), or as int8 — on the CPU for libtorch's INT8 GEMM
     * ({@link Int8Linear}), elsewhere dequantized for each call.
     *
     * @param bias float32 [out] or null
     */
    static Projection of(NDArray weight, NDArray bias, Quantization quantization, ComputeType computeType) {
        switch (quantization) {
            case FP16:
                NDArray half = weight.toType(DataType.FLOAT16, false);
                weight.close();
                return new Projection(half, null, bias, null, computeType);
            case INT8:
                if (!weight.getDevice().isGpu()) {
                    Int8Linear linear = new Int8Linear(weight, bias);
                    weight.close();
                    return new Projection(null, null, bias, linear, computeType);
                }
                try (NDArray absMax = weight.abs().max(new int[] {1}, true)) { // [out, 1]
                    NDArray scale = absMax.div(127f).maximum(1e-12f);
                    NDArray q;
                    try (NDArray scaled = weight.div(scale); NDArray rounded = scaled.round()) {
                        q = rounded.toType(DataType.INT8, false);
                    }
                    weight.close();
                    return new Projection(q, scale, bias, null, computeType);
                }
            default:
                if (computeType == ComputeType.FLOAT32) {
                    return new Projection(weight, null, bias, null, computeType);
                }
                NDArray narrow = Kernels.cast(weight, computeType.scalarType());
                weight.close();
                return new Projection(narrow, null, bias, null, computeType);
        }
    }

    /** {@code x [..., in]} float32 → float32 {@code [..., out]}. */
    NDArray apply(NDArray x) {
        if (int8Linear != null) {
            return int8Linear.apply(x);
        }
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

    // a weight stored as float16 or int8 (with its scale s) is expanded to the compute type for the call
    private NDArray linear(NDArray x, NDArray w, NDArray s, NDArray b) {
        if (w.getDataType() != DataType.FLOAT16 && w.getDataType() != DataType.INT8) {
            return Kernels.linear(x, w, b);
        }
        try (NDArray widened = w.toType(DataType.FLOAT32, false)) {
            if (s != null) {
                widened.muli(s);
            }
            if (computeType == ComputeType.FLOAT32) {
                return Kernels.linear(x, widened, b);
            }
            try (NDArray converted = Kernels.cast(widened, computeType.scalarType())) {
                return Kernels.linear(x, converted, b);
            }
        }
    }

    /** Bytes the stored weight occupies. */
    long storedBytes() {
        if (int8Linear != null) {
            return int8Linear.storedBytes();
        }
        return weight.getShape().size() * Kernels.elementSize(weight) + (scale == null ? 0 : scale.getShape().size() * 4);
    }

    @Override
    public void close() {
        if (weight != null) {
            weight.close();
        }
        if (int8Linear != null) {
            int8Linear.close();
        }
        if (scale != null) {
            scale.close();
        }
        if (bias != null) {
            bias.close();
        }
    }
}

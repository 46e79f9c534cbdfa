package dev.qwen3vl.torch;

import ai.djl.ndarray.NDArray;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensorDoubleLong_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A linear layer on libtorch's INT8 GEMM (fbgemm, dynamic quantization: int8 weights, activations quantized per
 * call, int32 accumulation, float32 in and out) — CPU only.
 *
 * <p>Weights get one scale per output channel: each row is divided by its largest magnitude before fbgemm quantizes
 * the whole (now [-1, 1]) matrix, and the output columns are multiplied back by those magnitudes. The weight is held
 * only in fbgemm's packed form (about one byte per element).
 */
public final class Int8Linear implements AutoCloseable {

    private final long out;
    private final long in;
    private final Tensor packed; // fbgemm's packed int8 [out, in]
    private final Tensor columnOffsets; // int32 [out]
    private final Tensor shapeOnly; // int8 [out, in] view of one element: fbgemm reads only the weight's sizes
    private final Tensor rowScale; // float32 [out]
    private final Tensor zeroBias; // float32 [out]
    private final Tensor bias; // float32 [out] or null
    private final Scalar scale;
    private final Scalar zeroPoint;

    /**
     * Quantizes {@code weight} (float32 [out, in], not modified; the caller still owns it and {@code bias}).
     *
     * @param bias float32 [out] or null
     */
    public Int8Linear(NDArray weight, NDArray bias) {
        Tensor w = TensorBridge.borrow(weight);
        this.out = w.size(0);
        this.in = w.size(1);
        try (Tensor magnitude = w.abs();
                Tensor rowMax = magnitude.amax(new long[] {1}, true); // [out, 1]
                Scalar tiny = new Scalar(1e-12);
                Tensor safeMax = rowMax.clamp_min(tiny);
                Tensor normed = w.div(safeMax); // [out, in] in [-1, 1]
                T_TensorTensorDoubleLong_T q = torch.fbgemm_linear_quantize_weight(normed);
                Tensor qWeight = q.get0();
                TensorOptions int8 = new TensorOptions(ScalarType.Char);
                TensorOptions float32 = new TensorOptions(ScalarType.Float);
                Tensor one = torch.zeros(new long[] {1, 1}, int8)) {
            this.columnOffsets = new Tensor(q.get1()); // its own handle: the tuple's elements die with it
            this.scale = new Scalar(q.get2());
            this.zeroPoint = new Scalar(q.get3());
            this.packed = torch.fbgemm_pack_quantized_matrix(qWeight);
            this.shapeOnly = one.expand(out, in);
            this.rowScale = safeMax.reshape(out);
            this.zeroBias = torch.zeros(new long[] {out}, float32);
            this.bias = bias == null ? null : new Tensor(TensorBridge.borrow(bias)); // shares the storage
        }
    }

    /** {@code x [rows, in]} float32 → float32 {@code [rows, out]}. */
    public NDArray apply(NDArray x) {
        Tensor y = torch.fbgemm_linear_int8_weight_fp32_activation(TensorBridge.borrow(x), shapeOnly, packed,
                columnOffsets, scale, zeroPoint, zeroBias);
        y.mul_(rowScale);
        if (bias != null) {
            y.add_(bias);
        }
        return TensorBridge.adopt(x.getManager(), y);
    }

    /** Output features. */
    public long outFeatures() {
        return out;
    }

    /** Bytes held: one per weight element plus the per-channel scales and offsets. */
    public long storedBytes() {
        return out * in + out * 12;
    }

    @Override
    public void close() {
        packed.close();
        columnOffsets.close();
        shapeOnly.close();
        rowScale.close();
        zeroBias.close();
        if (bias != null) {
            bias.close();
        }
        scale.close();
        zeroPoint.close();
    }
}

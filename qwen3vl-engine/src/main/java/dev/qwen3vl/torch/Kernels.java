package dev.qwen3vl.torch;

import org.bytedeco.pytorch.global.torch.ScalarType;

import ai.djl.ndarray.NDArray;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * libtorch kernels that DJL 0.36 does not expose, called on DJL arrays through {@link TensorBridge}: casts to and
 * from BF16, linear layers with BF16 (or FP16) weights, and the fused {@code scaled_dot_product_attention}.
 * Results are new DJL arrays of the first argument's manager. {@link LibTorch#start()} must have run.
 */
public final class Kernels {

    private Kernels() {}

    /** The libtorch element type of {@code array} (DJL reports BF16 as UNKNOWN). */
    public static ScalarType scalarType(NDArray array) {
        return TensorBridge.borrow(array).scalar_type().intern(); // the preset returns a fresh instance per call
    }

    /** Bytes one element of {@code array} occupies. */
    public static long elementSize(NDArray array) {
        return TensorBridge.borrow(array).element_size();
    }

    /** {@code x} converted to {@code type} (a new array even when the type is unchanged). */
    public static NDArray cast(NDArray x, ScalarType type) {
        return TensorBridge.adopt(x.getManager(), TensorBridge.borrow(x).to(type));
    }

    /**
     * {@code y = x Wᵀ + b} with the GEMM in {@code w}'s type: a float32 {@code x} is converted to it for the call and
     * the result converted back to float32 before the float32 bias is added.
     *
     * @param x float32 [..., in]
     * @param w [out, in] float32, bfloat16 or float16
     * @param bias float32 [out] or null
     * @return float32 [..., out]
     */
    public static NDArray linear(NDArray x, NDArray w, NDArray bias) {
        Tensor xt = TensorBridge.borrow(x);
        Tensor wt = TensorBridge.borrow(w);
        ScalarType type = wt.scalar_type().intern();
        ScalarType inputType = xt.scalar_type().intern();
        if (type == inputType) {
            Tensor y = bias == null ? torch.linear(xt, wt) : torch.linear(xt, wt, TensorBridge.borrow(bias));
            return TensorBridge.adopt(x.getManager(), y);
        }
        try (Tensor xc = xt.to(type); Tensor y = torch.linear(xc, wt)) {
            Tensor out = y.to(inputType);
            if (bias != null) {
                out.add_(TensorBridge.borrow(bias));
            }
            return TensorBridge.adopt(x.getManager(), out);
        }
    }

    /**
     * Causal grouped-query attention over a right-padded batch (real tokens never look ahead, so padding needs no
     * mask), fused: query head {@code h} reads key/value head {@code h / (heads / kvHeads)}.
     *
     * @param q [B, S, heads, head_dim], already multiplied by the softmax scale
     * @param k [B, S, kvHeads, head_dim]
     * @param v [B, S, kvHeads, head_dim]
     * @return [B·S, heads·head_dim]
     */
    public static NDArray causalAttention(NDArray q, NDArray k, NDArray v) {
        Tensor qt = TensorBridge.borrow(q);
        long b = qt.size(0);
        long s = qt.size(1);
        long heads = qt.size(2);
        long hd = qt.size(3);
        long kvHeads = TensorBridge.borrow(k).size(2);
        try (Tensor kh = repeatHeads(TensorBridge.borrow(k), heads / kvHeads); // [B,S,heads,hd]
                Tensor vh = repeatHeads(TensorBridge.borrow(v), heads / kvHeads)) {
            return TensorBridge.adopt(q.getManager(), attend(qt, kh, vh, true, b * s, heads * hd));
        }
    }

    /**
     * Full (bidirectional) attention for {@code n} equally long independent segments, fused.
     *
     * @param q [n, L, heads, head_dim], already multiplied by the softmax scale
     * @param k [n, L, heads, head_dim]
     * @param v [n, L, heads, head_dim]
     * @return [n·L, heads·head_dim]
     */
    public static NDArray fullAttention(NDArray q, NDArray k, NDArray v) {
        Tensor qt = TensorBridge.borrow(q);
        long rows = qt.size(0) * qt.size(1);
        long width = qt.size(2) * qt.size(3);
        Tensor out = attend(qt, TensorBridge.borrow(k), TensorBridge.borrow(v), false, rows, width);
        return TensorBridge.adopt(q.getManager(), out);
    }

    // q, k, v [N, L, heads, hd] → [N·L, heads·hd]; the kernel reads [N, heads, L, hd] views
    private static Tensor attend(Tensor q, Tensor k, Tensor v, boolean causal, long rows, long width) {
        try (Tensor qv = q.transpose(1, 2);
                Tensor kv = k.transpose(1, 2);
                Tensor vv = v.transpose(1, 2);
                TensorOptional noMask = new TensorOptional();
                DoubleOptional unitScale = new DoubleOptional(1.0);
                Tensor o = torch.scaled_dot_product_attention(qv, kv, vv, noMask, 0.0, causal, unitScale, false);
                Tensor bySequence = o.transpose(1, 2)) { // [N, L, heads, hd]
            return bySequence.reshape(rows, width);
        }
    }

    // [B, S, kv, hd] → [B, S, kv·group, hd], each kv head repeated for its group of query heads
    private static Tensor repeatHeads(Tensor x, long group) {
        long b = x.size(0);
        long s = x.size(1);
        long kv = x.size(2);
        long hd = x.size(3);
        if (group == 1) {
            return new Tensor(x); // a second handle on the same tensor, closed by the caller
        }
        try (Tensor split = x.reshape(b, s, kv, 1, hd); Tensor wide = split.expand(b, s, kv, group, hd)) {
            return wide.reshape(b, s, kv * group, hd);
        }
    }
}

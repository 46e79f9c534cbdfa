package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/** Applies a rotary embedding in the rotate-half convention. */
final class Rotary {

    private Rotary() {}

    /**
     * {@code x·cos + rotate_half(x)·sin}, where rotate_half(x) = [−x₂, x₁]; with sinSigned = [−sin, sin] this is
     * {@code x·cos + [x₂, x₁]·sinSigned}.
     *
     * @param x [..., heads, head_dim]
     * @param cos broadcastable to x
     * @param sinSigned broadcastable to x
     */
    static NDArray apply(NDArray x, NDArray cos, NDArray sinSigned) {
        long headDim = x.getShape().get(x.getShape().dimension() - 1);
        long half = headDim / 2;
        NDArray out = x.mul(cos);
        try (NDArray lo = x.get(new NDIndex("..., :{}", half));
                NDArray hi = x.get(new NDIndex("..., {}:", half));
                NDArray swapped = hi.concat(lo, -1)) {
            swapped.muli(sinSigned);
            out.addi(swapped);
        }
        return out;
    }
}

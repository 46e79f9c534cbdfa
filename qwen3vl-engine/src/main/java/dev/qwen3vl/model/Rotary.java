package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

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

    /**
     * cos and signed-sin tables filled row by row: an angle at slot j (j < head_dim / 2) goes to j and j + head_dim/2,
     * the sin negated on the first half.
     */
    static final class Tables {
        private final int headDim;
        private final float[] cos;
        private final float[] sin;

        Tables(int rows, int headDim) {
            this.headDim = headDim;
            this.cos = new float[rows * headDim];
            this.sin = new float[rows * headDim];
        }

        void set(int row, int slot, float angle) {
            int i = row * headDim + slot;
            int half = headDim / 2;
            float c = (float) Math.cos(angle);
            float s = (float) Math.sin(angle);
            cos[i] = c;
            cos[i + half] = c;
            sin[i] = -s;
            sin[i + half] = s;
        }

        /** {cos, sinSigned} as NDArrays of {@code shape} in {@code type}. */
        NDArray[] create(NDManager manager, Shape shape, DataType type) {
            return new NDArray[] {Upload.floats(manager, cos, shape, type), Upload.floats(manager, sin, shape, type)};
        }
    }
}

package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** The two normalisations of Qwen3-VL. */
final class Norms {

    private static final int[] LAST = {-1};

    private Norms() {}

    /**
     * Qwen3 RMSNorm over the last axis: {@code w ⊙ x / sqrt(mean(x²) + eps)}, the mean in float32.
     *
     * @param x [..., n]
     * @param weight [n]
     */
    static NDArray rms(NDArray x, NDArray weight, float eps) {
        NDArray denom = x.square(); // [..., n]
        NDArray mean = denom.mean(LAST, true); // [..., 1]
        denom.close();
        mean.addi(eps);
        NDArray root = mean.sqrt();
        mean.close();
        NDArray out = x.div(root).muli(weight);
        root.close();
        return out;
    }

    /** LayerNorm over the last axis with weight and bias. */
    static NDArray layer(NDArray x, NDArray weight, NDArray bias, float eps) {
        return LayerNorm.layerNorm(x, new Shape(x.getShape().getShape()[x.getShape().dimension() - 1]), weight, bias, eps)
                .singletonOrThrow();
    }
}

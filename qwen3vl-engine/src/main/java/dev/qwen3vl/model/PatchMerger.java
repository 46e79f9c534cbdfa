package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/**
 * Merges each 2×2 block of patches into one language-model token:
 * {@code linear_fc2(GELU_erf(linear_fc1(norm(...))))}.
 *
 * <p>The main {@code merger} normalises each patch (over D) before concatenating the four; the DeepStack
 * mergers ({@code deepstack_merger_list.k}) concatenate first and normalise over 4D.
 */
final class PatchMerger implements AutoCloseable {

    private static final float EPS = 1e-6f;

    private final boolean normAfterShuffle;
    private final long blockWidth; // 4D
    private final NDArray normWeight;
    private final NDArray normBias;
    private final Projection fc1; // [4D, 4D]
    private final Projection fc2; // [out, 4D]

    PatchMerger(String prefix, boolean normAfterShuffle, Qwen3VlConfig.VisionConfig c, WeightSource ckpt, NDManager m,
            ProjectionFactory projections) {
        this.normAfterShuffle = normAfterShuffle;
        long d = c.hiddenSize();
        long merge2 = (long) c.spatialMergeSize() * c.spatialMergeSize();
        this.blockWidth = d * merge2;
        long normWidth = normAfterShuffle ? blockWidth : d;
        normWeight = ckpt.load(m, DataType.FLOAT32, prefix + "norm.weight", normWidth);
        normBias = ckpt.load(m, DataType.FLOAT32, prefix + "norm.bias", normWidth);
        fc1 = projections.single(m, prefix + "linear_fc1.weight", prefix + "linear_fc1.bias", blockWidth, blockWidth);
        fc2 = projections.single(m, prefix + "linear_fc2.weight", prefix + "linear_fc2.bias", c.outHiddenSize(),
                blockWidth);
    }

    /** x [N, D] in merge-block order → [N / 4, out]. */
    NDArray forward(NDArray x) {
        long tokens = x.getShape().get(0) * x.getShape().get(1) / blockWidth;
        NDArray normed;
        if (normAfterShuffle) {
            try (NDArray blocks = x.reshape(tokens, blockWidth)) {
                normed = Norms.layer(blocks, normWeight, normBias, EPS);
            }
        } else {
            try (NDArray perPatch = Norms.layer(x, normWeight, normBias, EPS)) {
                normed = perPatch.reshape(tokens, blockWidth);
            }
        }
        try (NDArray h = fc1.apply(normed); NDArray act = Activation.gelu(h)) {
            return fc2.apply(act);
        } finally {
            normed.close();
        }
    }

    @Override
    public void close() {
        normWeight.close();
        normBias.close();
        fc1.close();
        fc2.close();
    }
}

package dev.qwen3vl.cli;

import dev.qwen3vl.model.Qwen3VlConfig;

/**
 * Floating-point operations of a forward pass, counted as in docs/benchmarks.md: 2 per multiply-add of every
 * linear layer, attention as full (non-causal) 4·S·heads·head_dim per token and layer.
 */
final class Flops {

    private Flops() {}

    /** Text decoder FLOPs for {@code batch} sequences of {@code seqLen} tokens. */
    static double decoder(Qwen3VlConfig.TextConfig t, long batch, long seqLen) {
        double h = t.hiddenSize();
        double q = (double) t.numHeads() * t.headDim();
        double kv = (double) t.numKvHeads() * t.headDim();
        double f = t.intermediateSize();
        double linear = 2 * (h * q + 2 * h * kv + q * h + 3 * h * f);
        double attention = 4.0 * seqLen * q;
        return batch * seqLen * t.numLayers() * (linear + attention);
    }

    /** Vision tower FLOPs for {@code images} images of {@code patches} patches each. */
    static double vision(Qwen3VlConfig.VisionConfig v, long images, long patches) {
        double d = v.hiddenSize();
        double i = v.intermediateSize();
        double block = 2 * (3 * d * d + d * d + 2 * d * i) + 4.0 * patches * d;
        double merge = v.spatialMergeSize() * v.spatialMergeSize();
        double mergers = (1 + v.deepstackVisualIndexes().length)
                * 2 * (merge * d * merge * d + merge * d * v.outHiddenSize()) / merge;
        double embed = 2.0 * v.patchRowSize() * d;
        return images * patches * (v.depth() * block + mergers + embed);
    }
}

package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * The Qwen3 text decoder ({@code model.language_model}): N {@link DecoderLayer}s, DeepStack feature injection
 * after the first layers, and the final RMSNorm.
 */
final class TextDecoder implements AutoCloseable {

    private final Qwen3VlConfig.TextConfig c;
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final NDArray finalNorm; // [H]

    TextDecoder(Qwen3VlConfig.TextConfig c, WeightSource ckpt, NDManager m, ProjectionFactory projections,
            LoadProgress progress) {
        this.c = c;
        for (int i = 0; i < c.numLayers(); i++) {
            layers.add(new DecoderLayer(c, ckpt, m, i, projections));
            progress.step("decoder layer " + (i + 1) + "/" + c.numLayers());
        }
        finalNorm = ckpt.load(m, DataType.FLOAT32, "model.language_model.norm.weight", c.hiddenSize());
    }

    /**
     * Runs every layer over {@code hidden}; after layer k (k < deepstack.size()) adds deepstack[k] at the visual
     * rows ({@code Qwen3VLTextModel._deepstack_process}).
     *
     * @param hidden [B·S, H] input embeddings, consumed (closed)
     * @param visualRows int64 [V] rows of {@code hidden} holding visual tokens, or null
     * @param deepstack per DeepStack merger, [V, H]
     * @param observer sees the input and every layer's output (before DeepStack), or null
     * @return [B·S, H] last hidden states before the final norm
     */
    NDArray forward(NDArray hidden, DecoderContext ctx, NDArray visualRows, List<NDArray> deepstack,
            HiddenStateObserver observer) {
        NDArray h = hidden;
        if (observer != null) {
            observer.onHiddenState(0, h);
        }
        for (int i = 0; i < layers.size(); i++) {
            NDArray next = layers.get(i).forward(h, ctx);
            h.close();
            h = next;
            if (observer != null) {
                observer.onHiddenState(i + 1, h);
            }
            if (visualRows != null && i < deepstack.size()) {
                NDIndex rows = new NDIndex("{}", visualRows);
                try (NDArray current = h.get(rows)) {
                    current.addi(deepstack.get(i));
                    h.set(rows, current);
                }
            }
        }
        return h;
    }

    /** The final RMSNorm applied to the given rows [R, H]. */
    NDArray finalNorm(NDArray rows) {
        return Norms.rms(rows, finalNorm, (float) c.rmsNormEps());
    }

    @Override
    public void close() {
        layers.forEach(DecoderLayer::close);
        finalNorm.close();
    }
}

package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** Loads linear layers from the checkpoint in the configured weight type. */
final class ProjectionFactory {

    private final WeightSource checkpoint;
    private final DataType type;

    ProjectionFactory(WeightSource checkpoint, DataType type) {
        this.checkpoint = checkpoint;
        this.type = type;
    }

    /** One projection; {@code biasKey} may be null. */
    Projection single(NDManager m, String weightKey, String biasKey, long out, long in) {
        NDArray w = checkpoint.load(m, type, weightKey, out, in);
        NDArray b = biasKey == null ? null : checkpoint.load(m, type, biasKey, out);
        return new Projection(w, b);
    }

    /** Projections with the same input fused along their outputs, in the given order (no biases). */
    Projection fused(NDManager m, String[] weightKeys, long[][] shapes) {
        return new Projection(checkpoint.loadConcat(m, type, weightKeys, shapes), null);
    }
}

package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Loads linear layers from the checkpoint in the configured compute type and storage; each weight is read as
 * float32 and narrowed at once, so only one layer's float32 copy exists at a time.
 */
final class ProjectionFactory {

    private final WeightSource checkpoint;
    private final ComputeType type;
    private final Quantization quantization;
    private long storedBytes;

    ProjectionFactory(WeightSource checkpoint, ComputeType type, Quantization quantization) {
        this.checkpoint = checkpoint;
        this.type = type;
        this.quantization = quantization;
    }

    /** One projection; {@code biasKey} may be null. */
    Projection single(NDManager m, String weightKey, String biasKey, long out, long in) {
        NDArray w = checkpoint.load(m, DataType.FLOAT32, weightKey, out, in);
        NDArray b = biasKey == null ? null : checkpoint.load(m, DataType.FLOAT32, biasKey, out);
        return track(Projection.of(w, b, quantization, type));
    }

    /** Bytes of all projection weights created so far, as stored. */
    long storedBytes() {
        return storedBytes;
    }

    private Projection track(Projection p) {
        storedBytes += p.storedBytes();
        return p;
    }

    /** A projection from an already loaded float32 weight (taking ownership). */
    Projection of(NDArray weight, NDArray bias) {
        return track(Projection.of(weight, bias, quantization, type));
    }

    /** Projections with the same input fused along their outputs, in the given order (no biases). */
    Projection fused(NDManager m, String[] weightKeys, long[][] shapes) {
        return track(Projection.of(checkpoint.loadConcat(m, DataType.FLOAT32, weightKeys, shapes), null, quantization, type));
    }
}

package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** Where the network's tensors come from: a checkpoint folder, or seeded random values for benchmarks. */
public interface WeightSource extends AutoCloseable {

    /** Whether {@code key} exists. */
    boolean has(String key);

    /** Fails with the key and both shapes unless {@code key} exists with shape {@code expected}. */
    void checkShape(String key, long... expected);

    /** {@code key} as an NDArray of {@code type} on the manager's device, after checking its shape. */
    NDArray load(NDManager manager, DataType type, String key, long... expected);

    /** Tensors sharing all but the first dimension, stacked along it (fused projections). */
    NDArray loadConcat(NDManager manager, DataType type, String[] keys, long[][] expected);

    /** Row {@code row} (of {@code width} values) of the 2-D tensor {@code key} as float32, into {@code dst} at {@code offset}. */
    void readRow(String key, long row, int width, float[] dst, int offset);

    /** Bytes the tensors occupy in their stored form. */
    long storedBytes();

    /** Releases mappings and files. */
    @Override
    void close();
}

package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.function.UnaryOperator;

/** Applies a row-wise function to a few rows at a time, which bounds the memory of its intermediates. */
final class RowBlocks {

    private RowBlocks() {}

    /**
     * @param x [rows, ...] (not modified)
     * @param maxRows the most rows {@code f} sees at once
     * @param f a function whose output row i depends only on input row i; it must not close its argument
     * @return f(x), [rows, ...]
     */
    static NDArray map(NDArray x, long maxRows, UnaryOperator<NDArray> f) {
        long rows = x.getShape().get(0);
        if (rows <= maxRows) {
            return f.apply(x);
        }
        NDList outputs = new NDList();
        try {
            for (long start = 0; start < rows; start += maxRows) {
                try (NDArray block = x.get(new NDIndex("{}:{}", start, Math.min(rows, start + maxRows)))) {
                    outputs.add(f.apply(block));
                }
            }
            return NDArrays.concat(outputs, 0);
        } finally {
            outputs.close();
        }
    }
}

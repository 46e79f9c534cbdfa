package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;

/**
 * Sees the decoder's hidden states during a forward pass, for debugging and parity tests: index 0 is the input
 * embeddings (visual features spliced in), index i the output of decoder layer i before any DeepStack addition.
 */
@FunctionalInterface
public interface HiddenStateObserver {

    /**
     * @param index 0 for the embeddings, i for layer i
     * @param hidden [B·S, H]; valid only during the call
     */
    void onHiddenState(int index, NDArray hidden);
}

package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;

/**
 * What every decoder layer of one forward pass shares: the padded batch shape and the rotary tables.
 *
 * @param batch B
 * @param seqLen padded S
 * @param cos [B, S, 1, head_dim]
 * @param sinSigned [B, S, 1, head_dim]
 */
record DecoderContext(long batch, long seqLen, NDArray cos, NDArray sinSigned) {}

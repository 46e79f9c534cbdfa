package dev.qwen3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * Scaled dot-product attention built from DJL ops (the engine has no fused kernel). Queries are processed in
 * chunks so that the score matrix stays small for long inputs; keys and values are laid out once as contiguous
 * {@code [batch·heads, …]} matrices so that no chunk copies them again.
 */
final class Attention {

    private Attention() {}

    /**
     * Causal grouped-query attention over a right-padded batch (right padding needs no extra mask: real tokens
     * never look ahead). Query heads are grouped per key/value head instead of repeating K and V: query head
     * {@code h} reads kv head {@code h / (heads / kvHeads)}.
     *
     * @param q [B, S, heads, head_dim], already multiplied by the softmax scale
     * @param k [B, S, kvHeads, head_dim]
     * @param v [B, S, kvHeads, head_dim]
     * @param queryChunk queries per chunk
     * @return [B·S, heads·head_dim]
     */
    static NDArray causal(NDArray q, NDArray k, NDArray v, int queryChunk) {
        long[] qs = q.getShape().getShape();
        long batch = qs[0];
        long seq = qs[1];
        long heads = qs[2];
        long headDim = qs[3];
        long kvHeads = k.getShape().get(2);
        long group = heads / kvHeads;
        long pairs = batch * kvHeads;
        NDManager manager = q.getManager();
        Map<Long, NDArray> triangles = new HashMap<>();
        NDList chunks = new NDList();
        // every intermediate view is closed: an open view keeps its base tensor's memory alive
        try (NDArray qSplit = q.reshape(batch, seq, kvHeads, group, headDim);
                NDArray q5 = qSplit.transpose(0, 2, 3, 1, 4); // [B,kv,g,S,hd]
                NDArray kView = k.transpose(0, 2, 3, 1);
                NDArray kT = kView.reshape(pairs, headDim, seq); // [B·kv,hd,S], one copy
                NDArray vView = v.transpose(0, 2, 1, 3);
                NDArray vT = vView.reshape(pairs, seq, headDim)) { // [B·kv,S,hd], one copy
            for (long r0 = 0; r0 < seq; r0 += queryChunk) {
                long r1 = Math.min(seq, r0 + queryChunk);
                long n = r1 - r0;
                NDArray tri = triangles.computeIfAbsent(n, len -> causalTriangle(manager, len));
                try (NDArray qChunk = q5.get(new NDIndex(":, :, :, {}:{}, :", r0, r1));
                        NDArray qc = qChunk.reshape(pairs, group * n, headDim);
                        NDArray keys = kT.get(new NDIndex(":, :, :{}", r1));
                        NDArray scores = qc.matMul(keys); // [B·kv, g·n, r1]
                        NDArray scores4 = scores.reshape(pairs, group, n, r1);
                        NDArray diagonal = scores4.get(new NDIndex(":, :, :, {}:{}", r0, r1))) {
                    diagonal.addi(tri); // in place: masks keys after each query inside the chunk
                    try (NDArray probs = scores.softmax(-1);
                            NDArray values = vT.get(new NDIndex(":, :{}, :", r1));
                            NDArray out = probs.matMul(values)) { // [B·kv, g·n, hd]
                        chunks.add(out.reshape(batch, kvHeads, group, n, headDim));
                    }
                }
            }
        }
        triangles.values().forEach(NDArray::close);
        NDArray joined = chunks.size() == 1 ? chunks.get(0) : NDArrays.concat(chunks, 3); // [B,kv,g,S,hd]
        try (NDArray bySequence = joined.transpose(0, 3, 1, 2, 4)) { // [B,S,kv,g,hd]
            return bySequence.reshape(batch * seq, heads * headDim);
        } finally {
            chunks.close();
            joined.close();
        }
    }

    /**
     * Full (bidirectional) attention for {@code n} equally long independent segments.
     *
     * @param q [n, L, heads, head_dim], already multiplied by the softmax scale
     * @param k [n, L, heads, head_dim]
     * @param v [n, L, heads, head_dim]
     * @return [n·L, heads·head_dim]
     */
    static NDArray full(NDArray q, NDArray k, NDArray v, int queryChunk) {
        long[] s = q.getShape().getShape();
        long segments = s[0];
        long len = s[1];
        long heads = s[2];
        long headDim = s[3];
        long pairs = segments * heads;
        NDList chunks = new NDList();
        try (NDArray qView = q.transpose(0, 2, 1, 3);
                NDArray qT = qView.reshape(pairs, len, headDim); // [n·h,L,hd], one copy each
                NDArray kView = k.transpose(0, 2, 3, 1);
                NDArray kT = kView.reshape(pairs, headDim, len); // [n·h,hd,L]
                NDArray vView = v.transpose(0, 2, 1, 3);
                NDArray vT = vView.reshape(pairs, len, headDim)) { // [n·h,L,hd]
            for (long r0 = 0; r0 < len; r0 += queryChunk) {
                long r1 = Math.min(len, r0 + queryChunk);
                try (NDArray qc = qT.get(new NDIndex(":, {}:{}, :", r0, r1));
                        NDArray scores = qc.matMul(kT); // [n·h, c, L]
                        NDArray probs = scores.softmax(-1)) {
                    chunks.add(probs.matMul(vT)); // [n·h, c, hd]
                }
            }
        }
        NDArray joined = chunks.size() == 1 ? chunks.get(0) : NDArrays.concat(chunks, 1); // [n·h,L,hd]
        try (NDArray perHead = joined.reshape(segments, heads, len, headDim);
                NDArray perPatch = perHead.transpose(0, 2, 1, 3)) { // [n,L,h,hd]
            return perPatch.reshape(segments * len, heads * headDim);
        } finally {
            chunks.close();
            joined.close();
        }
    }

    /** [n, n] with 0 on and below the diagonal and −∞ above. */
    private static NDArray causalTriangle(NDManager manager, long n) {
        float[] m = new float[(int) (n * n)];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                m[(int) (i * n + j)] = Float.NEGATIVE_INFINITY;
            }
        }
        return Upload.floats(manager, m, new Shape(n, n), ai.djl.ndarray.types.DataType.FLOAT32);
    }
}

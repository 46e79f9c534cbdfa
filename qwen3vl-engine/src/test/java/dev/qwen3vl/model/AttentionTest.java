package dev.qwen3vl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Query chunking changes nothing; the causal grouped attention equals a direct reference computation. */
class AttentionTest {

    @Test
    void causal_attention_is_the_same_for_every_chunk_size_and_matches_a_direct_computation() {
        int b = 2;
        int s = 13;
        int heads = 6;
        int kv = 2;
        int hd = 8;
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(3);
            NDArray q = m.randomNormal(new Shape(b, s, heads, hd));
            NDArray k = m.randomNormal(new Shape(b, s, kv, hd));
            NDArray v = m.randomNormal(new Shape(b, s, kv, hd));
            float[] whole = Attention.causal(q, k, v, s).toFloatArray();
            for (int chunk : new int[] {1, 4, 5, 12}) {
                assertThat(Attention.causal(q, k, v, chunk).toFloatArray()).as("chunk %d", chunk)
                        .containsExactly(whole, offset(1e-5f));
            }
            float[] qa = q.toFloatArray();
            float[] ka = k.toFloatArray();
            float[] va = v.toFloatArray();
            int group = heads / kv;
            for (int bi = 0; bi < b; bi++) {
                for (int i = 0; i < s; i++) {
                    for (int h = 0; h < heads; h++) {
                        int g = h / group;
                        double[] w = new double[i + 1];
                        double max = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j <= i; j++) {
                            double dot = 0;
                            for (int d = 0; d < hd; d++) {
                                dot += qa[((bi * s + i) * heads + h) * hd + d] * ka[((bi * s + j) * kv + g) * hd + d];
                            }
                            w[j] = dot;
                            max = Math.max(max, dot);
                        }
                        double sum = 0;
                        for (int j = 0; j <= i; j++) {
                            w[j] = Math.exp(w[j] - max);
                            sum += w[j];
                        }
                        for (int d = 0; d < hd; d++) {
                            double o = 0;
                            for (int j = 0; j <= i; j++) {
                                o += w[j] / sum * va[((bi * s + j) * kv + g) * hd + d];
                            }
                            assertThat(whole[(bi * s + i) * heads * hd + h * hd + d]).isCloseTo((float) o, offset(1e-5f));
                        }
                    }
                }
            }
        }
    }

    @Test
    void full_attention_is_the_same_for_every_chunk_size() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray q = m.randomNormal(new Shape(3, 11, 2, 8));
            NDArray k = m.randomNormal(new Shape(3, 11, 2, 8));
            NDArray v = m.randomNormal(new Shape(3, 11, 2, 8));
            float[] whole = Attention.full(q, k, v, 11).toFloatArray();
            for (int chunk : new int[] {1, 3, 10}) {
                assertThat(Attention.full(q, k, v, chunk).toFloatArray()).as("chunk %d", chunk)
                        .containsExactly(whole, offset(1e-5f));
            }
        }
    }
}

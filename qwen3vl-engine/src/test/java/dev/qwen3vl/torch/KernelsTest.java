package dev.qwen3vl.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.qwen3vl.util.NativeLibraries;
import dev.qwen3vl.util.Vectors;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

/** libtorch's fused attention and BF16 kernels on DJL arrays, against direct computations. */
class KernelsTest {

    @Test
    void fused_causal_grouped_attention_matches_a_direct_computation() {
        int b = 2;
        int s = 13;
        int heads = 6;
        int kv = 2;
        int hd = 8;
        try (NDManager m = NativeLibraries.torch().newBaseManager()) {
            NativeLibraries.torch().setRandomSeed(3);
            NDArray q = m.randomNormal(new Shape(b, s, heads, hd));
            NDArray k = m.randomNormal(new Shape(b, s, kv, hd));
            NDArray v = m.randomNormal(new Shape(b, s, kv, hd));
            NDArray out = Kernels.causalAttention(q, k, v);
            assertThat(out.getShape()).isEqualTo(new Shape((long) b * s, (long) heads * hd));
            float[] whole = out.toFloatArray();
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
    void fused_full_attention_keeps_segments_apart_and_matches_a_direct_computation() {
        int n = 3;
        int len = 11;
        int heads = 2;
        int hd = 8;
        try (NDManager m = NativeLibraries.torch().newBaseManager()) {
            NativeLibraries.torch().setRandomSeed(5);
            NDArray q = m.randomNormal(new Shape(n, len, heads, hd));
            NDArray k = m.randomNormal(new Shape(n, len, heads, hd));
            NDArray v = m.randomNormal(new Shape(n, len, heads, hd));
            float[] got = Kernels.fullAttention(q, k, v).toFloatArray();
            float[] qa = q.toFloatArray();
            float[] ka = k.toFloatArray();
            float[] va = v.toFloatArray();
            for (int seg = 0; seg < n; seg++) {
                for (int i = 0; i < len; i++) {
                    for (int h = 0; h < heads; h++) {
                        double[] w = new double[len];
                        double sum = 0;
                        for (int j = 0; j < len; j++) {
                            double dot = 0;
                            for (int d = 0; d < hd; d++) {
                                dot += qa[((seg * len + i) * heads + h) * hd + d] * ka[((seg * len + j) * heads + h) * hd + d];
                            }
                            w[j] = Math.exp(dot);
                            sum += w[j];
                        }
                        for (int d = 0; d < hd; d++) {
                            double o = 0;
                            for (int j = 0; j < len; j++) {
                                o += w[j] / sum * va[((seg * len + j) * heads + h) * hd + d];
                            }
                            assertThat(got[((seg * len + i) * heads + h) * hd + d]).isCloseTo((float) o, offset(1e-5f));
                        }
                    }
                }
            }
        }
    }

    @Test
    void bfloat16_casts_round_to_eight_mantissa_bits_and_back() {
        try (NDManager m = NativeLibraries.torch().newBaseManager()) {
            NDArray x = m.create(new float[] {1f, 1.00390625f, 1.005859375f, -3e4f, 65536f * 1024f, 0f}, new Shape(6));
            try (NDArray bf = Kernels.cast(x, ScalarType.BFloat16); NDArray back = Kernels.cast(bf, ScalarType.Float)) {
                assertThat(Kernels.scalarType(bf)).isEqualTo(ScalarType.BFloat16);
                assertThat(Kernels.elementSize(bf)).isEqualTo(2);
                assertThat(back.getDataType()).isEqualTo(DataType.FLOAT32);
                // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties to even gives 1; 1 + 1.5·2^-8 rounds up
                assertThat(back.toFloatArray()).containsExactly(1f, 1f, 1.0078125f, -29952f, 65536f * 1024f, 0f);
            }
        }
    }

    @Test
    void bfloat16_linear_stays_within_bfloat16_rounding_of_float32() {
        try (NDManager m = NativeLibraries.torch().newBaseManager()) {
            NativeLibraries.torch().setRandomSeed(9);
            NDArray x = m.randomNormal(new Shape(64, 256));
            NDArray w = m.randomNormal(new Shape(96, 256));
            NDArray bias = m.randomNormal(new Shape(96));
            float[] exact = Kernels.linear(x, w, bias).toFloatArray();
            try (NDArray wb = Kernels.cast(w, ScalarType.BFloat16); NDArray y = Kernels.linear(x, wb, bias)) {
                assertThat(y.getDataType()).isEqualTo(DataType.FLOAT32);
                float[] got = y.toFloatArray();
                double maxRef = 0;
                double maxErr = 0;
                for (int i = 0; i < got.length; i++) {
                    maxRef = Math.max(maxRef, Math.abs(exact[i]));
                    maxErr = Math.max(maxErr, Math.abs(got[i] - exact[i]));
                }
                assertThat(maxErr / maxRef).isGreaterThan(0).isLessThan(1e-2);
                assertThat(Vectors.cosine(got, exact)).isGreaterThanOrEqualTo(0.9999);
            }
        }
    }

    @Test
    void int8_linear_stays_close_to_float32() {
        try (NDManager m = NativeLibraries.torch().newBaseManager()) {
            NativeLibraries.torch().setRandomSeed(13);
            NDArray x = m.randomNormal(new Shape(32, 512));
            NDArray w = m.randomNormal(new Shape(384, 512));
            // rows of very different magnitude: one scale per output channel keeps the small rows precise
            w.muli(m.randomUniform(0.01f, 10f, new Shape(384, 1)));
            NDArray bias = m.randomNormal(new Shape(384));
            float[] exact = Kernels.linear(x, w, bias).toFloatArray();
            try (Int8Linear q = new Int8Linear(w, bias); NDArray y = q.apply(x)) {
                float[] got = y.toFloatArray();
                assertThat(Vectors.cosine(got, exact)).isGreaterThanOrEqualTo(0.995);
                assertThat(q.storedBytes()).isLessThan(384L * 512 * 2);
                // the smallest row's outputs are still right (a single per-tensor scale would flatten them)
                double cosRow = 1;
                float[] rowScales = w.abs().max(new int[] {1}).toFloatArray();
                int smallest = 0;
                for (int o = 1; o < 384; o++) {
                    if (rowScales[o] < rowScales[smallest]) {
                        smallest = o;
                    }
                }
                float[] a = new float[32];
                float[] e = new float[32];
                for (int r = 0; r < 32; r++) {
                    a[r] = got[r * 384 + smallest] - bias.getFloat(smallest);
                    e[r] = exact[r * 384 + smallest] - bias.getFloat(smallest);
                }
                cosRow = Vectors.cosine(a, e);
                assertThat(cosRow).isGreaterThanOrEqualTo(0.99);
            }
        }
    }
}

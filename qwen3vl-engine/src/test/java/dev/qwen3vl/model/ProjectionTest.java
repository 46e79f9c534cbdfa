package dev.qwen3vl.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.qwen3vl.util.NativeLibraries;
import dev.qwen3vl.util.Vectors;
import org.junit.jupiter.api.Test;

/**
 * {@code y = x Wᵀ + b} against a direct computation, for few rows (computed on blocks of output features) and many
 * rows (one GEMM), with every weight storage and compute type. INT8 runs libtorch's INT8 GEMM (activations are
 * quantized too), so it is compared by cosine.
 */
class ProjectionTest {

    private static final int OUT = 5000; // three output blocks of 2048, the last one partial
    private static final int IN = 16;

    @Test
    void few_and_many_rows_give_x_times_w_transposed_plus_bias_for_every_quantization() {
        try (NDManager m = NativeLibraries.torch().newBaseManager()) {
            NativeLibraries.torch().setRandomSeed(11);
            float[] w = m.randomNormal(new Shape(OUT, IN)).toFloatArray();
            float[] bias = m.randomNormal(new Shape(OUT)).toFloatArray();
            for (int rows : new int[] {6, 1024}) {
                float[] x = m.randomNormal(new Shape(rows, IN)).toFloatArray();
                float[] expected = direct(x, w, bias, rows);
                for (Quantization quantization : Quantization.values()) {
                    try (Projection p = Projection.of(m.create(w, new Shape(OUT, IN)), m.create(bias), quantization,
                                    ComputeType.FLOAT32);
                            NDArray in = m.create(x, new Shape(rows, IN));
                            NDArray y = p.apply(in)) {
                        assertThat(y.getShape()).isEqualTo(new Shape(rows, OUT));
                        float[] got = y.toFloatArray();
                        if (quantization == Quantization.INT8) {
                            assertThat(Vectors.cosine(got, expected)).as("%d rows, INT8", rows)
                                    .isGreaterThanOrEqualTo(0.995);
                        } else {
                            float tolerance = quantization == Quantization.FP16 ? 2e-2f : 1e-4f;
                            assertThat(maxAbsDifference(got, expected)).as("%d rows, %s", rows, quantization)
                                    .isLessThan(tolerance);
                        }
                    }
                }
                // bfloat16 weights and GEMM: 8 significant bits, errors of a few 0.1 % of the outputs' magnitude
                try (Projection p = Projection.of(m.create(w, new Shape(OUT, IN)), m.create(bias), Quantization.NONE,
                                ComputeType.BFLOAT16);
                        NDArray in = m.create(x, new Shape(rows, IN));
                        NDArray y = p.apply(in)) {
                    float[] got = y.toFloatArray();
                    float largest = 0;
                    for (float e : expected) {
                        largest = Math.max(largest, Math.abs(e));
                    }
                    assertThat(maxAbsDifference(got, expected) / largest).as("%d rows, bfloat16", rows).isLessThan(1e-2f);
                    assertThat(Vectors.cosine(got, expected)).isGreaterThanOrEqualTo(0.9999);
                    assertThat(got).isNotEqualTo(expected);
                    assertThat(p.storedBytes()).isEqualTo(2L * OUT * IN);
                }
            }
        }
    }

    // (AssertJ's element-wise diff of 5 million floats would take minutes when it fails)
    private static float maxAbsDifference(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        float max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        return max;
    }

    private static float[] direct(float[] x, float[] w, float[] bias, int rows) {
        float[] y = new float[rows * OUT];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < OUT; o++) {
                double sum = bias[o];
                for (int i = 0; i < IN; i++) {
                    sum += (double) x[r * IN + i] * w[o * IN + i];
                }
                y[r * OUT + o] = (float) sum;
            }
        }
        return y;
    }
}

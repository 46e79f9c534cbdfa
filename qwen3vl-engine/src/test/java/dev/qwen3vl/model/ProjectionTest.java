package dev.qwen3vl.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * {@code y = x Wᵀ + b} against a direct computation, for few rows (computed on blocks of output features) and many
 * rows (one GEMM), with every weight storage.
 */
class ProjectionTest {

    private static final int OUT = 5000; // three output blocks of 2048, the last one partial
    private static final int IN = 16;

    @Test
    void few_and_many_rows_give_x_times_w_transposed_plus_bias_for_every_quantization() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(11);
            float[] w = m.randomNormal(new Shape(OUT, IN)).toFloatArray();
            float[] bias = m.randomNormal(new Shape(OUT)).toFloatArray();
            for (int rows : new int[] {6, 1024}) {
                float[] x = m.randomNormal(new Shape(rows, IN)).toFloatArray();
                for (Quantization quantization : Quantization.values()) {
                    try (Projection p = Projection.of(m.create(w, new Shape(OUT, IN)), m.create(bias), quantization);
                            NDArray in = m.create(x, new Shape(rows, IN));
                            NDArray y = p.apply(in)) {
                        assertThat(y.getShape()).isEqualTo(new Shape(rows, OUT));
                        float[] expected = direct(x, storedAs(w, quantization), bias, rows);
                        float tolerance = quantization == Quantization.FP16 ? 2e-2f : 1e-4f;
                        assertThat(maxAbsDifference(y.toFloatArray(), expected)).as("%d rows, %s", rows, quantization)
                                .isLessThan(tolerance);
                    }
                }
            }
        }
    }

    // FP16 is compared with a tolerance instead; INT8 is reproduced exactly: per-row scale absmax / 127
    private static float[] storedAs(float[] w, Quantization quantization) {
        if (quantization != Quantization.INT8) {
            return w;
        }
        float[] q = new float[w.length];
        for (int o = 0; o < OUT; o++) {
            float absMax = 0;
            for (int i = 0; i < IN; i++) {
                absMax = Math.max(absMax, Math.abs(w[o * IN + i]));
            }
            float scale = Math.max(absMax / 127f, 1e-12f);
            for (int i = 0; i < IN; i++) {
                q[o * IN + i] = (float) Math.rint(w[o * IN + i] / scale) * scale;
            }
        }
        return q;
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

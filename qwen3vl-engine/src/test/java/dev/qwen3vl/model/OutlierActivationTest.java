package dev.qwen3vl.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.util.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Massive activations": a copy of the fixture model whose token embeddings are scaled so that the residual stream
 * carries values of ±3·10⁴ (beyond float16's range once squared, as in RMSNorm). In bfloat16 the outputs stay finite
 * and within cosine 0.999 of float32.
 */
class OutlierActivationTest {

    private static final float OUTLIER = 3e4f;

    @Test
    void bfloat16_stays_finite_and_close_to_float32_with_residual_values_of_3e4() {
        List<ModelInput> batch = List.of(text(11, 12, 13, 14, 15, 16, 17), text(21, 22, 23));
        MaxObserver f32Max = new MaxObserver();
        float[][] f32 = run(ComputeType.FLOAT32, batch, f32Max);
        float[][] bf16 = run(ComputeType.BFLOAT16, batch, new MaxObserver());
        assertThat(f32Max.max).as("largest |residual|").isGreaterThanOrEqualTo(0.99f * OUTLIER);
        for (int i = 0; i < batch.size(); i++) {
            for (float v : bf16[i]) {
                assertThat(Float.isFinite(v)).isTrue();
            }
            assertThat(Vectors.cosine(bf16[i], f32[i])).as("sequence %d", i).isGreaterThanOrEqualTo(0.999);
        }
    }

    private static float[][] run(ComputeType type, List<ModelInput> batch, HiddenStateObserver observer) {
        Qwen3VlConfig config = Qwen3VlConfig.load(Fixtures.model());
        WeightSource scaled = new ScaledEmbeddings(Checkpoint.open(Fixtures.model()));
        try (Qwen3VlModel model = Qwen3VlModel.load("outliers", config, scaled, ModelOptions.cpu().withDtype(type))) {
            return model.lastTokenStates(batch, observer);
        }
    }

    private static ModelInput text(long... ids) {
        long[] positions = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            positions[i] = i;
        }
        return new ModelInput(ids, new long[][] {positions, positions, positions}, List.of());
    }

    /** The largest magnitude in the embeddings and every layer's hidden states. */
    private static final class MaxObserver implements HiddenStateObserver {
        float max;

        @Override
        public void onHiddenState(int index, NDArray hidden) {
            try (NDArray f = hidden.toType(DataType.FLOAT32, true); NDArray abs = f.abs(); NDArray m = abs.max()) {
                max = Math.max(max, m.getFloat());
            }
        }
    }

    /** The fixture's weights, every embedding row rescaled so that its largest magnitude is {@link #OUTLIER}. */
    private record ScaledEmbeddings(Checkpoint base) implements WeightSource {
        @Override
        public boolean has(String key) {
            return base.has(key);
        }

        @Override
        public void checkShape(String key, long... expected) {
            base.checkShape(key, expected);
        }

        @Override
        public NDArray load(NDManager manager, DataType type, String key, long... expected) {
            return base.load(manager, type, key, expected);
        }

        @Override
        public NDArray loadConcat(NDManager manager, DataType type, String[] keys, long[][] expected) {
            return base.loadConcat(manager, type, keys, expected);
        }

        @Override
        public void readRow(String key, long row, int width, float[] dst, int offset) {
            base.readRow(key, row, width, dst, offset);
            if (key.equals(TokenEmbeddings.EMBED_TOKENS)) {
                float largest = 0;
                for (int i = 0; i < width; i++) {
                    largest = Math.max(largest, Math.abs(dst[offset + i]));
                }
                for (int i = 0; i < width; i++) {
                    dst[offset + i] *= OUTLIER / largest;
                }
            }
        }

        @Override
        public long storedBytes() {
            return base.storedBytes();
        }

        @Override
        public void close() {
            base.close();
        }
    }
}

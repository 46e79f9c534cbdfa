package dev.qwen3vl.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.model.ModelOptions;
import dev.qwen3vl.model.Quantization;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.SampleInputs;
import dev.qwen3vl.util.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FP16 weights (cosine ≥ 0.99) and the INT8 GEMM (≥ 0.995) stay close to float32 on inputs of every kind; FP16
 * compute needs CUDA.
 */
class QuantizationTest {

    static List<float[]> embed(Quantization q) {
        return embed(ModelOptions.cpu().withQuantization(q));
    }

    static List<float[]> embed(ModelOptions options) {
        EngineSettings settings = EngineSettings.defaults().withModel(options);
        try (Qwen3VlEmbedder embedder = Qwen3VlEmbedder.load(Fixtures.model(), settings)) {
            List<float[]> out = new ArrayList<>();
            for (var c : SampleInputs.mixed()) {
                out.add(embedder.embed(EmbedRequest.of(c)).vector());
            }
            return out;
        }
    }

    @ParameterizedTest
    @EnumSource(value = Quantization.class, names = {"FP16", "INT8"})
    void quantized_embeddings_stay_close_to_float32(Quantization q) {
        List<float[]> reference = embed(Quantization.NONE);
        List<float[]> quantized = embed(q);
        for (int i = 0; i < reference.size(); i++) {
            double c = Vectors.cosine(reference.get(i), quantized.get(i));
            // INT8 runs libtorch's INT8 GEMM (activations quantized too): the bound 0.995
            double bound = q == Quantization.INT8 ? 0.995 : 0.99;
            assertThat(c).as("%s input %d", q, i).isGreaterThanOrEqualTo(bound).isLessThan(1.0 + 1e-6);
        }
        assertThat(quantized.get(0)).isNotEqualTo(reference.get(0));
    }

    /** float16 is a CUDA compute type: on the CPU the model refuses to load, naming the reason. */
    @org.junit.jupiter.api.Test
    void float16_compute_on_the_cpu_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> embed(ModelOptions.cpu().withDtype(ComputeType.FLOAT16)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float16 is for CUDA devices only");
    }
}

package dev.qwen3vl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.testing.ModelFolders;
import dev.qwen3vl.testing.ModelFolders.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void a_wrong_shaped_tensor_is_named_with_both_shapes() {
        String key = "model.language_model.layers.1.mlp.up_proj.weight";
        Path dir = ModelFolders.copyWith(tmp.resolve("m"), (name, t) -> name.equals(key)
                ? new Tensor(new long[] {32, 64}, Arrays.copyOf(t.values(), 32 * 64)) : t, Map.of());
        assertThatThrownBy(() -> Qwen3VlModel.load(dir, ModelOptions.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key)
                .hasMessageContaining("[32, 64]")
                .hasMessageContaining("[64, 32]");
    }

    @Test
    void a_missing_tensor_is_named() {
        String key = "model.visual.blocks.2.attn.qkv.bias";
        Path dir = ModelFolders.copyWith(tmp.resolve("m"), (name, t) -> name.equals(key) ? null : t, Map.of());
        assertThatThrownBy(() -> Qwen3VlModel.load(dir, ModelOptions.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key)
                .hasMessageContaining("missing");
    }

    @Test
    void float32_checkpoint_loads_to_the_same_outputs_as_bf16() {
        Path dir = ModelFolders.copyWith(tmp.resolve("f32"), (name, t) -> t, Map.of());
        ModelInput in = new ModelInput(new long[] {151644, 8948, 198, 151643},
                new long[][] {{0, 1, 2, 3}, {0, 1, 2, 3}, {0, 1, 2, 3}}, java.util.List.of());
        try (Qwen3VlModel f32 = Qwen3VlModel.load(dir, ModelOptions.cpu());
                Qwen3VlModel bf16 = Qwen3VlModel.load(dev.qwen3vl.testing.Fixtures.model(), ModelOptions.cpu())) {
            assertThat(f32.lastTokenStates(java.util.List.of(in))[0])
                    .containsExactly(bf16.lastTokenStates(java.util.List.of(in))[0]);
        }
    }
}

package dev.qwen3vl.model;

import dev.qwen3vl.util.NativeLibraries;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The PyTorch engine starts from the bundled natives, offline, and computes. */
class DjlEngineTest {

    @Test
    void should_multiply_matrices_on_pytorch_offline() {
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        Engine engine = NativeLibraries.torch();
        assertThat(engine.getVersion()).startsWith("2.7.1");
        try (NDManager m = engine.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray b = m.create(new float[] {1, 0, 0, 1, 1, 1}, new Shape(3, 2));
            assertThat(a.matMul(b).toFloatArray()).containsExactly(4, 5, 10, 11);
        }
    }
}

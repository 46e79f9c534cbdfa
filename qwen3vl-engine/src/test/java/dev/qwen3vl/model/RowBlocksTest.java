package dev.qwen3vl.model;

import dev.qwen3vl.util.NativeLibraries;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A row-wise function over blocks of rows equals the function over all rows; every block is closed. */
class RowBlocksTest {

    @Test
    void blocks_of_rows_give_the_same_result_as_all_rows_at_once() {
        try (NDManager m = NativeLibraries.torch().newBaseManager()) {
            NDArray x = m.arange(7 * 3f).reshape(7, 3); // [rows, 3]
            NDArray w = m.create(new float[] {1, -2, 0.5f, 3, 0, 1}, new Shape(3, 2));
            List<Long> blockRows = new ArrayList<>();
            List<NDArray> blocks = new ArrayList<>();
            NDArray blocked = RowBlocks.map(x, 3, block -> {
                blockRows.add(block.getShape().get(0));
                blocks.add(block);
                return block.matMul(w).tanh();
            });
            try (NDArray whole = x.matMul(w).tanh()) {
                assertThat(blocked.getShape()).isEqualTo(new Shape(7, 2));
                assertThat(blocked.toFloatArray()).containsExactly(whole.toFloatArray());
            }
            assertThat(blockRows).containsExactly(3L, 3L, 1L);
            assertThat(blocks).allMatch(NDArray::isReleased);
            assertThat(x.isReleased()).isFalse();
        }
    }

    @Test
    void few_rows_are_passed_through_in_one_call() {
        try (NDManager m = NativeLibraries.torch().newBaseManager()) {
            NDArray x = m.ones(new Shape(3, 2));
            List<NDArray> seen = new ArrayList<>();
            NDArray y = RowBlocks.map(x, 3, block -> {
                seen.add(block);
                return block.mul(2);
            });
            assertThat(seen).containsExactly(x);
            assertThat(y.toFloatArray()).containsOnly(2f);
        }
    }
}

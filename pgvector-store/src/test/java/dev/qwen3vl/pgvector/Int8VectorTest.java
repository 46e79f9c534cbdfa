package dev.qwen3vl.pgvector;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class Int8VectorTest {

    @Test
    void should_map_the_largest_magnitude_to_127_and_round_the_rest() {
        Int8Vector q = Int8Vector.quantize(new float[] {-2f, 1f, 0.01f, 0.5f});

        assertThat(q.scale()).isEqualTo(2f / 127);
        // -2 / (2/127) = -127, 1 / (2/127) = 63.5 -> 64, 0.01 -> 0.635 -> 1, 0.5 -> 31.75 -> 32
        assertThat(q.codes()).containsExactly(-127, 64, 1, 32);
        assertThat(q.dequantize()[0]).isEqualTo(-2f);
    }

    @Test
    void should_dequantize_within_half_a_step_and_keep_cosine_close() {
        float[] v = RandomVectors.unitVector(new Random(1), 2048);
        Int8Vector q = Int8Vector.quantize(v);
        float[] back = q.dequantize();

        for (int i = 0; i < v.length; i++) {
            assertThat((double) Math.abs(back[i] - v[i])).isLessThanOrEqualTo(q.scale() / 2 + 1e-7);
        }
        assertThat(q.cosineSimilarity(v)).isCloseTo(1.0, within(1e-3));
        float[] other = RandomVectors.unitVector(new Random(2), 2048);
        assertThat(q.cosineSimilarity(other)).isCloseTo(RandomVectors.cosine(back, other), within(1e-9));
    }

    @Test
    void should_set_sign_bits_for_positive_values_only() {
        assertThat(Int8Vector.signBits(new float[] {0.1f, 0f, -0f, -3f, 7f})).containsExactly(true, false, false, false,
                true);
    }
}

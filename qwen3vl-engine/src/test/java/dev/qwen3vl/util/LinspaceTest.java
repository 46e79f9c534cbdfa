package dev.qwen3vl.util;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.testing.Fixtures;
import org.junit.jupiter.api.Test;

class LinspaceTest {

    @Test
    void should_equal_torch_float32_linspace_bit_for_bit() {
        JsonNode cases = Fixtures.golden().path("linspace");
        assertThat(cases.size()).isPositive();
        for (JsonNode c : cases) {
            float[] expected = Fixtures.floats(c.path("float32"));
            float[] got = Linspace.float32(c.path("start").asDouble(), c.path("end").asDouble(), c.path("n").asInt());
            assertThat(got).as("linspace(%s, %s, %s)", c.path("start"), c.path("end"), c.path("n"))
                    .containsExactly(expected);
        }
    }
}

package dev.qwen3vl.input.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.testing.Fixtures;
import org.junit.jupiter.api.Test;

class SmartResizeTest {

    @Test
    void should_match_every_golden_smart_resize_case() {
        JsonNode cases = Fixtures.golden().path("smart_resize");
        assertThat(cases.size()).isPositive();
        for (JsonNode c : cases) {
            int h = c.path("h").asInt();
            int w = c.path("w").asInt();
            if (c.has("out")) {
                assertThat(SmartResize.compute(h, w, 32, 4096, 1_843_200))
                        .as("%dx%d", h, w)
                        .containsExactly(c.path("out").get(0).asInt(), c.path("out").get(1).asInt());
            } else {
                assertThatThrownBy(() -> SmartResize.compute(h, w, 32, 4096, 1_843_200))
                        .as("%dx%d", h, w)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("Aspect ratio");
            }
        }
    }
}

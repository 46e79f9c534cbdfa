package dev.qwen3vl.input.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VideoTimestampsTest {

    @Test
    void should_equal_the_golden_timestamp_table() {
        JsonNode cases = Fixtures.golden().path("timestamps");
        assertThat(cases.size()).isPositive();
        for (JsonNode c : cases) {
            int[] indices = new int[c.path("indices").size()];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = c.path("indices").get(i).asInt();
            }
            List<String> expected = new ArrayList<>();
            c.path("timestamps").forEach(t -> expected.add(t.asText()));
            assertThat(VideoTimestamps.formatted(indices, c.path("fps").asDouble()))
                    .as("indices %s at %s fps", c.path("indices"), c.path("fps"))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void should_format_like_python_with_half_to_even_on_the_binary_value() {
        assertThat(VideoTimestamps.format(0.25)).isEqualTo("0.2");
        assertThat(VideoTimestamps.format(1.25)).isEqualTo("1.2");
        assertThat(VideoTimestamps.format(0.75)).isEqualTo("0.8");
        assertThat(VideoTimestamps.format(0.35)).isEqualTo("0.3"); // 0.34999999999999997...
        assertThat(VideoTimestamps.format(2.5025)).isEqualTo("2.5");
        assertThat(VideoTimestamps.format(31.25)).isEqualTo("31.2");
        assertThat(VideoTimestamps.format(0.0)).isEqualTo("0.0");
    }

    @Test
    void should_pad_an_odd_frame_count_with_the_last_index() {
        // indices 0, 1, 2 at 1 fps → pairs (0, 1) and (2, 2)
        assertThat(VideoTimestamps.seconds(new int[] {0, 1, 2}, 1.0)).containsExactly(0.5, 2.0);
    }
}

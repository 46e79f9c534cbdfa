package dev.qwen3vl.input.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.testing.Fixtures;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {

    @Test
    void should_round_the_golden_float32_linspace_half_to_even() {
        JsonNode cases = Fixtures.golden().path("linspace");
        assertThat(cases.size()).isPositive();
        for (JsonNode c : cases) {
            float[] golden = Fixtures.floats(c.path("float32"));
            int[] expected = new int[golden.length];
            for (int i = 0; i < golden.length; i++) {
                expected[i] = (int) Math.rint(golden[i]);
            }
            assertThat(FrameSampler.indices(c.path("start").asInt(), c.path("end").asInt(), c.path("n").asInt()))
                    .as("linspace(%s, %s, %s)", c.path("start"), c.path("end"), c.path("n"))
                    .containsExactly(expected);
        }
    }

    @Test
    void should_sample_the_fixture_clip_as_the_reference() {
        // clip.mp4: 24 frames at 8 fps, fps 1 → 3 frames → at least 4
        assertThat(FrameSampler.sample(24, 8.0, VideoOptions.defaults())).containsExactly(0, 8, 15, 23);
    }

    @Test
    void should_count_frames_like_smart_nframes() {
        assertThat(FrameSampler.frameCount(24, 8.0, 1.0, 4, 64)).isEqualTo(4);
        assertThat(FrameSampler.frameCount(50, 10.0, 2.0, 4, 64)).isEqualTo(10);
        assertThat(FrameSampler.frameCount(50, 10.0, 1.0, 4, 64)).isEqualTo(4); // 5 → floor to even
        assertThat(FrameSampler.frameCount(3000, 30.0, 1.0, 4, 64)).isEqualTo(64);
        assertThat(FrameSampler.frameCount(3000, 30.0, 1.0, 4, 63)).isEqualTo(62); // max floored to even
        assertThat(FrameSampler.frameCount(3, 30.0, 1.0, 4, 64)).isEqualTo(2); // bounded by the frames
        assertThat(FrameSampler.frameCount(90, 29.97, 1.0, 3, 64)).isEqualTo(4); // min 3 rounded up to 4
    }

    @Test
    void should_reject_a_video_of_one_frame() {
        assertThatThrownBy(() -> FrameSampler.frameCount(1, 25.0, 1.0, 4, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 2 and 1");
    }

    @Test
    void should_turn_start_and_end_seconds_into_a_frame_range() {
        assertThat(FrameSampler.range(50, 10.0, null, null)).isEqualTo(new FrameSampler.FrameRange(0, 49));
        // ceil(1.05·10) = 11, floor(3.05·10) = 30
        assertThat(FrameSampler.range(50, 10.0, 1.05, 3.05)).isEqualTo(new FrameSampler.FrameRange(11, 30));
        // an end past the video is clamped to the last frame
        assertThat(FrameSampler.range(50, 10.0, 2.0, 99.0)).isEqualTo(new FrameSampler.FrameRange(20, 49));
        assertThat(FrameSampler.range(50, 10.0, null, 1.0).count()).isEqualTo(11);
    }

    @Test
    void should_reject_an_empty_time_range() {
        assertThatThrownBy(() -> FrameSampler.range(50, 10.0, 4.99, 4.99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start frame 50")
                .hasMessageContaining("end frame 49");
        assertThatThrownBy(() -> FrameSampler.range(0, 10.0, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no frames");
    }

    @Test
    void should_sample_a_time_range_within_it() {
        VideoOptions options = VideoOptions.builder().startSeconds(1.0).endSeconds(3.0).build();
        // frames 10..30 (21 frames → 2.1 → at least 4), float32 linspace(10, 30, 4) = 10, 16.67, 23.33, 30
        assertThat(FrameSampler.sample(50, 10.0, options)).containsExactly(10, 17, 23, 30);
    }

    @Test
    void should_keep_numpy_linspace_positions_of_a_long_frame_list() {
        // numpy.linspace(0, 99, 64).astype(int)
        assertThat(FrameSampler.frameListIndices(100, 64)).containsExactly(0, 1, 3, 4, 6, 7, 9, 11, 12, 14, 15,
                17, 18, 20, 22, 23, 25, 26, 28, 29, 31, 33, 34, 36, 37, 39, 40, 42, 44, 45, 47, 48, 50, 51, 53, 55,
                56, 58, 59, 61, 62, 64, 66, 67, 69, 70, 72, 73, 75, 77, 78, 80, 81, 83, 84, 86, 88, 89, 91, 92, 94,
                95, 97, 99);
        assertThat(FrameSampler.frameListIndices(10, 4)).containsExactly(0, 3, 6, 9);
        assertThat(FrameSampler.frameListIndices(5, 64)).containsExactly(0, 1, 2, 3, 4);
    }
}

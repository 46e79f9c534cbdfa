package dev.qwen3vl.input.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VideoOptionsTest {

    @Test
    void should_default_to_the_reference_settings() {
        VideoOptions o = VideoOptions.defaults();
        assertThat(o.fps()).isEqualTo(1.0);
        assertThat(o.minFrames()).isEqualTo(4);
        assertThat(o.maxFrames()).isEqualTo(64);
        assertThat(o.startSeconds()).isNull();
        assertThat(o.endSeconds()).isNull();
        assertThat(o.minPixels()).isEqualTo(131_072L);
        assertThat(o.totalPixels()).isNull();
        assertThat(o.totalPixels(true)).isEqualTo(7_864_320L);
        assertThat(o.totalPixels(false)).isEqualTo(117_964_800L);
        assertThat(o.sampleFps()).isEqualTo(2.0);
        assertThat(o.maxVisualTokens()).isEqualTo(8192);
        assertThat(o.overBudget()).isEqualTo(TokenBudgetPolicy.FAIL);
        assertThat(VideoOptions.builder().build()).isEqualTo(o);
    }

    @Test
    void should_use_a_set_total_for_both_kinds_of_video() {
        VideoOptions o = VideoOptions.builder().totalPixels(1_000_000L).build();
        assertThat(o.totalPixels(true)).isEqualTo(1_000_000L);
        assertThat(o.totalPixels(false)).isEqualTo(1_000_000L);
        assertThat(o.toBuilder().build()).isEqualTo(o).isNotEqualTo(VideoOptions.defaults());
    }

    @Test
    void should_reject_bad_values_with_their_names() {
        assertThatThrownBy(() -> VideoOptions.builder().fps(0)).hasMessageContaining("fps");
        assertThatThrownBy(() -> VideoOptions.builder().maxFrames(1)).hasMessageContaining("maxFrames");
        assertThatThrownBy(() -> VideoOptions.builder().minFrames(0)).hasMessageContaining("minFrames");
        assertThatThrownBy(() -> VideoOptions.builder().startSeconds(-1.0)).hasMessageContaining("startSeconds");
        assertThatThrownBy(() -> VideoOptions.builder().totalPixels(0L)).hasMessageContaining("totalPixels");
        assertThatThrownBy(() -> VideoOptions.builder().maxVisualTokens(0)).hasMessageContaining("maxVisualTokens");
        assertThatThrownBy(() -> VideoOptions.builder().startSeconds(3.0).endSeconds(2.0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startSeconds 3.0 must be before endSeconds 2.0");
    }
}

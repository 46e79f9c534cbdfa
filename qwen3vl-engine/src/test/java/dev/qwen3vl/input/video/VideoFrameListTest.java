package dev.qwen3vl.input.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.input.PixelPatches;
import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.model.SafetensorsFile;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.Pngs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VideoFrameListTest {

    private final VideoPreprocessor preprocessor = new VideoPreprocessor();

    @Test
    void should_match_the_golden_frame_list_video() {
        JsonNode video = Fixtures.golden().path("video");
        List<RgbImage> frames = new ArrayList<>();
        video.path("frames").forEach(f -> frames.add(Pngs.readRgb(Fixtures.image(f.asText()))));
        assertThat(frames).hasSize(4);
        assertThat(video.path("fps").asDouble()).isEqualTo(2.0);

        VideoPatches got = preprocessor.fromFrames(frames, VideoOptions.defaults());

        PixelPatches p = got.patches();
        int[] grid = {p.gridT(), p.gridH(), p.gridW()};
        assertThat(grid).containsExactly(toInts(Fixtures.longs(video.path("grid_thw")))).containsExactly(2, 16, 32);
        List<String> timestamps = new ArrayList<>();
        video.path("timestamps").forEach(t -> timestamps.add(t.asText()));
        assertThat(got.timestamps()).containsExactlyElementsOf(timestamps).containsExactly("0.2", "1.2");
        assertThat(got.sampledIndices()).containsExactly(0, 1, 2, 3);
        assertThat(got.fps()).isEqualTo(2.0);
        assertThat(got.tokenCount(2)).isEqualTo(2 * 16 * 32 / 4);

        float[] expected;
        try (SafetensorsFile g = SafetensorsFile.open(Fixtures.root().resolve("golden.safetensors"))) {
            expected = g.readFloats(video.path("pixel_values").asText());
        }
        assertThat(TestImages.maxAbsDifference(p.values(), expected)).isLessThanOrEqualTo(1e-6f);
    }

    @Test
    void should_keep_numpy_linspace_frames_of_a_long_list_and_time_them_at_sample_fps() {
        List<RgbImage> frames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            frames.add(solid(64, 64, i % TestVideos.COLOURS));
        }
        VideoPatches got = preprocessor.fromFrames(frames, VideoOptions.defaults());
        int[] kept = got.sampledIndices();
        assertThat(kept).hasSize(64).startsWith(0, 1, 3, 4, 6).endsWith(95, 97, 99);
        assertThat(got.patches().gridT()).isEqualTo(32);
        // frame k of the kept list sits at k / 2 s, so patch k at k + 0.25 s
        assertThat(got.timestamps()).hasSize(32).startsWith("0.2", "1.2", "2.2").endsWith("31.2");
        for (int t = 0; t < 64; t++) {
            assertThat(frameIn(got.patches(), t)).as("frame %d of the clip", t).isEqualTo(kept[t] % TestVideos.COLOURS);
        }
    }

    @Test
    void should_repeat_the_last_frame_of_an_odd_list() {
        List<RgbImage> frames = List.of(solid(64, 64, 1), solid(64, 64, 2), solid(64, 64, 3));
        VideoPatches got = preprocessor.fromFrames(frames, VideoOptions.defaults());
        assertThat(got.sampledIndices()).containsExactly(0, 1, 2);
        assertThat(got.timestamps()).containsExactly("0.2", "1.2");
        assertThat(new int[] {frameIn(got.patches(), 0), frameIn(got.patches(), 1), frameIn(got.patches(), 2),
                frameIn(got.patches(), 3)}).containsExactly(1, 2, 3, 3);
    }

    @Test
    void should_reject_frames_that_resize_to_different_sizes() {
        List<RgbImage> frames = List.of(solid(512, 256, 0), solid(512, 256, 1), solid(256, 512, 2));
        assertThatThrownBy(() -> preprocessor.fromFrames(frames, VideoOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Frame 2 of the list (256x512)");
        assertThatThrownBy(() -> preprocessor.fromFrames(List.of(), VideoOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty frame list");
    }

    @Test
    void should_fail_over_the_token_budget_with_the_counts() {
        List<RgbImage> frames = goldenFrames();
        VideoOptions options = VideoOptions.builder().maxVisualTokens(200).build();
        // 4 frames of 512x256: 2 temporal patches of 128 tokens
        assertThatThrownBy(() -> preprocessor.fromFrames(frames, options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 256 visual tokens")
                .hasMessageContaining("limit of 200");
    }

    @Test
    void should_drop_frames_to_fit_when_pixels_are_already_at_their_minimum() {
        List<RgbImage> frames = goldenFrames();
        VideoOptions options =
                VideoOptions.builder().maxVisualTokens(200).overBudget(TokenBudgetPolicy.DOWNSAMPLE).build();
        VideoPatches got = preprocessor.fromFrames(frames, options);
        // 512x256 = 131,072 pixels is the minimum already; two frames (numpy linspace(0, 3, 2) = 0, 3) fit
        assertThat(got.sampledIndices()).containsExactly(0, 3);
        assertThat(new int[] {got.patches().gridT(), got.patches().gridH(), got.patches().gridW()})
                .containsExactly(1, 16, 32);
        assertThat(got.tokenCount(2)).isEqualTo(128).isLessThanOrEqualTo(200);
        assertThat(got.timestamps()).containsExactly("0.2");
    }

    @Test
    void should_lower_the_frame_size_first_when_downsampling() {
        List<RgbImage> frames = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            frames.add(solid(1024, 1024, i));
        }
        VideoPatches full = preprocessor.fromFrames(frames, VideoOptions.builder().maxVisualTokens(100_000).build());
        // 786,432-pixel cap: 1024/sqrt(4/3) = 886.8 → 864; 2 patches of 27·27 = 729 tokens
        assertThat(full.frameWidth()).isEqualTo(864);
        assertThat(full.tokenCount(2)).isEqualTo(1458);

        VideoOptions options =
                VideoOptions.builder().maxVisualTokens(1000).overBudget(TokenBudgetPolicy.DOWNSAMPLE).build();
        VideoPatches got = preprocessor.fromFrames(frames, options);
        // budget 1000·32² = 1,024,000 pixels over 4 frames → 512,000 per frame → 704x704 (484 tokens each)
        assertThat(got.sampledIndices()).containsExactly(0, 1, 2, 3);
        assertThat(new int[] {got.frameWidth(), got.frameHeight()}).containsExactly(704, 704);
        assertThat(got.tokenCount(2)).isEqualTo(968);
    }

    private static List<RgbImage> goldenFrames() {
        List<RgbImage> frames = new ArrayList<>();
        Fixtures.golden().path("video").path("frames")
                .forEach(f -> frames.add(Pngs.readRgb(Fixtures.image(f.asText()))));
        return frames;
    }

    /** A frame of {@link TestVideos#colour(int)}. */
    static RgbImage solid(int width, int height, int colour) {
        int[] c = TestVideos.colour(colour);
        byte[] rgb = new byte[width * height * 3];
        for (int p = 0; p < width * height; p++) {
            rgb[p * 3] = (byte) c[0];
            rgb[p * 3 + 1] = (byte) c[1];
            rgb[p * 3 + 2] = (byte) c[2];
        }
        return new RgbImage(width, height, rgb);
    }

    /**
     * Which solid-colour frame is frame {@code t} of the clip in the patches: the first pixel of the first patch of
     * its temporal group, channel by channel (rows hold [channel][time][y][x]).
     */
    static int frameIn(PixelPatches p, int t) {
        int group = t / 2;
        int time = t % 2;
        int row = group * p.gridH() * p.gridW();
        int[] rgb = new int[3];
        for (int c = 0; c < 3; c++) {
            float v = p.values()[row * p.rowSize() + (c * 2 + time) * 16 * 16];
            rgb[c] = Math.round(v * 127.5f + 127.5f);
        }
        return TestVideos.frameOf(rgb[0], rgb[1], rgb[2]);
    }

    private static int[] toInts(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }
}

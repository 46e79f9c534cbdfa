package dev.qwen3vl.input.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.input.RgbImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Videos written here with FFmpeg: 50 frames at 10 fps, frame i one solid colour, so that every decoded or
 * resized frame tells which frame of the file it is. Expected indices and timestamps follow the reference's rules (qwen-vl-utils' {@code fetch_video})
 * worked by hand (and checked with Python's float arithmetic).
 */
class WrittenVideoTest {

    private static final int FRAMES = 50;
    private static final double FPS = 10.0;

    @TempDir
    Path tmp;

    private final VideoPreprocessor preprocessor = new VideoPreprocessor();

    @ParameterizedTest
    @EnumSource(TestVideos.Format.class)
    void should_number_every_frame_as_written(TestVideos.Format format) throws Exception {
        Path file = TestVideos.write(tmp.resolve("v." + format.extension), format, FRAMES, FPS, 64, 48);
        try (VideoFileDecoder decoder = VideoFileDecoder.open(file)) {
            assertThat(decoder.frameCount()).isEqualTo(FRAMES);
            assertThat(decoder.fps()).isEqualTo(FPS);
            assertThat(new int[] {decoder.width(), decoder.height()}).containsExactly(64, 48);
            int[] all = new int[FRAMES];
            for (int i = 0; i < FRAMES; i++) {
                all[i] = i;
            }
            assertThat(identify(decoder.decode(all))).containsExactly(all);
            // out of order, repeated, and backwards: each needs its own seek
            int[] scattered = {49, 0, 25, 25, 7, 48, 13, 12};
            assertThat(identify(decoder.decode(scattered))).containsExactly(scattered);
        }
    }

    @Test
    void should_seek_instead_of_decoding_every_frame() throws Exception {
        // key frames every 12 frames: frame 40 needs frames 36 to 40 only
        Path file = TestVideos.write(tmp.resolve("v.mp4"), TestVideos.Format.MP4_H264, FRAMES, FPS, 64, 48);
        try (VideoFileDecoder decoder = VideoFileDecoder.open(file)) {
            assertThat(identify(decoder.decode(new int[] {40}))).containsExactly(40);
            assertThat(decoder.decodedFrames()).isBetween(1L, 12L);
        }
    }

    @ParameterizedTest
    @EnumSource(TestVideos.Format.class)
    void should_feed_the_model_the_frames_the_reference_samples(TestVideos.Format format) throws Exception {
        Path file = TestVideos.write(tmp.resolve("v." + format.extension), format, FRAMES, FPS, 64, 48);

        // fps 1: 50 / 10 · 1 = 5 → floor to even 4; float32 linspace(0, 49, 4) = 0, 16.33, 32.67, 49
        VideoPatches got = preprocessor.fromFile(file, VideoOptions.defaults());
        assertThat(got.sampledIndices()).containsExactly(0, 16, 33, 49);
        assertThat(got.timestamps()).containsExactly("0.8", "4.1");
        assertThat(got.fps()).isEqualTo(FPS);
        // 48x64 is below 131,072 pixels: scaled up to 320x448
        assertThat(new int[] {got.patches().gridT(), got.patches().gridH(), got.patches().gridW()})
                .containsExactly(2, 20, 28);
        assertThat(framesIn(got)).containsExactly(0, 16, 33, 49);
    }

    @Test
    void should_sample_at_the_requested_rate_and_time_range() throws Exception {
        Path file = TestVideos.write(tmp.resolve("v.mp4"), TestVideos.Format.MP4_H264, FRAMES, FPS, 64, 48);

        VideoPatches twoPerSecond = preprocessor.fromFile(file, VideoOptions.builder().fps(2.0).build());
        assertThat(twoPerSecond.sampledIndices()).containsExactly(0, 5, 11, 16, 22, 27, 33, 38, 44, 49);
        assertThat(twoPerSecond.timestamps()).containsExactly("0.2", "1.4", "2.5", "3.5", "4.7");
        assertThat(framesIn(twoPerSecond)).containsExactly(0, 5, 11, 16, 22, 27, 33, 38, 44, 49);

        VideoPatches range =
                preprocessor.fromFile(file, VideoOptions.builder().startSeconds(1.0).endSeconds(3.0).build());
        assertThat(range.sampledIndices()).containsExactly(10, 17, 23, 30);
        assertThat(range.timestamps()).containsExactly("1.4", "2.6");
        assertThat(framesIn(range)).containsExactly(10, 17, 23, 30);
    }

    @Test
    void should_fail_over_the_token_budget_and_fit_after_downsampling() throws Exception {
        Path file = TestVideos.write(tmp.resolve("v.mp4"), TestVideos.Format.MP4_H264, FRAMES, FPS, 64, 48);
        // fps 10 takes all 50 frames: 25 temporal patches of 320x448 (140 tokens) = 3500 tokens
        VideoOptions everyFrame = VideoOptions.builder().fps(10.0).maxVisualTokens(1000).build();
        assertThatThrownBy(() -> preprocessor.fromFile(file, everyFrame))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("needs 3500 visual tokens")
                .hasMessageContaining("25 temporal patches of 140 tokens")
                .hasMessageContaining("limit of 1000");

        VideoPatches got = preprocessor.fromFile(file, everyFrame.toBuilder()
                .overBudget(TokenBudgetPolicy.DOWNSAMPLE).build());
        // frames are at the minimum size already, so frames go: 14 frames · 70 = 980 tokens
        assertThat(got.tokenCount(2)).isEqualTo(980).isLessThanOrEqualTo(1000);
        int[] expected = {0, 4, 8, 11, 15, 19, 23, 26, 30, 34, 38, 41, 45, 49}; // float32 linspace(0, 49, 14)
        assertThat(got.sampledIndices()).containsExactly(expected);
        assertThat(got.timestamps()).containsExactly("0.2", "1.0", "1.7", "2.5", "3.2", "3.9", "4.7");
        assertThat(framesIn(got)).containsExactly(expected);
    }

    /** Which written frame each decoded image is, by the colour of its centre. */
    private static int[] identify(List<RgbImage> frames) {
        int[] out = new int[frames.size()];
        for (int i = 0; i < out.length; i++) {
            RgbImage f = frames.get(i);
            int x = f.width() / 2;
            int y = f.height() / 2;
            out[i] = TestVideos.frameOf(f.get(x, y, 0), f.get(x, y, 1), f.get(x, y, 2));
        }
        return out;
    }

    /** Which written frame each frame of the clip in the patches is. */
    private static int[] framesIn(VideoPatches video) {
        int[] out = new int[video.patches().gridT() * 2];
        for (int t = 0; t < out.length; t++) {
            out[t] = VideoFrameListTest.frameIn(video.patches(), t);
        }
        return out;
    }
}

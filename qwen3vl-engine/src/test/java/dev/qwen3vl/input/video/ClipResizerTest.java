package dev.qwen3vl.input.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.Pngs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipResizerTest {

    private static final String[] FRAMES = {"00", "08", "15", "23"};

    @Test
    void should_reproduce_torchvision_antialiased_bicubic_of_the_fixture_clip() {
        List<RgbImage> decoded = new ArrayList<>();
        for (String n : FRAMES) {
            decoded.add(Pngs.readRgb(Fixtures.root().resolve("video-file/decoded_" + n + ".png")));
        }
        List<RgbImage> resized = ClipResizer.resize(decoded, 448, 320);
        for (int i = 0; i < FRAMES.length; i++) {
            RgbImage expected = Pngs.readRgb(Fixtures.root().resolve("video-file/resized_" + FRAMES[i] + ".png"));
            TestImages.Diff diff = TestImages.diff(resized.get(i), expected);
            System.out.println("ClipResizer(decoded_" + FRAMES[i] + ") vs resized_" + FRAMES[i] + ": " + diff);
            // the fixture's criterion: all but a few pixels equal, none off by more than one level
            assertThat(diff.max()).isLessThanOrEqualTo(1);
            assertThat(diff.differing()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void should_compute_pytorch_weights_for_a_two_pixel_upscale() {
        // 2 → 4 columns: scale 0.5, support 2; column 1: center 0.75, taps 0 and 1 with Keys cubic weights
        // K(0.25) = 0.8671875 and K(0.75) = 0.2265625, normalised: 255·0.2265625/1.09375 = 52.8 → 53
        RgbImage src = new RgbImage(2, 1, new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        RgbImage out = ClipResizer.resize(src, 4, 1);
        int[] row = new int[4];
        for (int x = 0; x < 4; x++) {
            row[x] = out.get(x, 0, 0);
            assertThat(out.get(x, 0, 1)).isEqualTo(row[x]);
            assertThat(out.get(x, 0, 2)).isEqualTo(row[x]);
        }
        // column 0 undershoots (−22.5) and is clamped to 0; the rest is symmetric
        assertThat(row).containsExactly(0, 53, 202, 255);
    }

    @Test
    void should_keep_a_solid_colour_when_downscaling_both_axes() {
        byte[] rgb = new byte[90 * 70 * 3];
        for (int p = 0; p < 90 * 70; p++) {
            rgb[p * 3] = 12;
            rgb[p * 3 + 1] = (byte) 200;
            rgb[p * 3 + 2] = (byte) 129;
        }
        RgbImage out = ClipResizer.resize(new RgbImage(90, 70, rgb), 32, 64);
        assertThat(out.width()).isEqualTo(32);
        assertThat(out.height()).isEqualTo(64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 32; x++) {
                assertThat(new int[] {out.get(x, y, 0), out.get(x, y, 1), out.get(x, y, 2)})
                        .containsExactly(12, 200, 129);
            }
        }
    }

    @Test
    void should_return_the_frames_unchanged_when_the_size_matches() {
        List<RgbImage> frames = List.of(new RgbImage(2, 2, new byte[12]), new RgbImage(2, 2, new byte[12]));
        assertThat(ClipResizer.resize(frames, 2, 2)).isSameAs(frames);
    }

    @Test
    void should_reject_frames_of_different_sizes() {
        List<RgbImage> frames = List.of(new RgbImage(2, 2, new byte[12]), new RgbImage(3, 2, new byte[18]));
        assertThatThrownBy(() -> ClipResizer.resize(frames, 4, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Frame 1 is 3x2, frame 0 is 2x2");
    }
}

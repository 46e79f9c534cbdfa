package dev.qwen3vl.input.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.input.Patchifier;
import dev.qwen3vl.input.PixelPatches;
import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.model.SafetensorsFile;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.Pngs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The video-file fixture: clip.mp4 taken the way the reference embeds a video file. */
class VideoFileFixtureTest {

    private static final Path DIR = Fixtures.root().resolve("video-file");
    private static final JsonNode GOLDEN = Fixtures.readJson(DIR.resolve("golden.json"));

    @Test
    void should_see_the_clip_as_the_reference_reader() {
        try (VideoFileDecoder decoder = VideoFileDecoder.open(DIR.resolve(GOLDEN.path("file").asText()))) {
            assertThat(decoder.frameCount()).isEqualTo(GOLDEN.path("total_frames").asInt()).isEqualTo(24);
            assertThat(decoder.fps()).isEqualTo(GOLDEN.path("native_fps").asDouble()).isEqualTo(8.0);
            assertThat(decoder.width()).isEqualTo(160);
            assertThat(decoder.height()).isEqualTo(120);
            assertThat(decoder.codecName()).isEqualTo("mpeg4");
        }
    }

    @Test
    void should_decode_the_sampled_frames_within_two_levels_of_the_reference_decoder() {
        int[] indices = ints(GOLDEN.path("sampled_indices"));
        List<RgbImage> frames;
        try (VideoFileDecoder decoder = VideoFileDecoder.open(DIR.resolve("clip.mp4"))) {
            frames = decoder.decode(indices);
        }
        for (int i = 0; i < indices.length; i++) {
            String name = GOLDEN.path("decoded_frames").get(i).asText();
            TestImages.Diff diff = TestImages.diff(frames.get(i), Pngs.readRgb(DIR.resolve(name)));
            System.out.println("decoded frame " + indices[i] + " vs " + name + ": " + diff);
            // another FFmpeg build or colour conversion may differ by a level or two
            assertThat(diff.max()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void should_build_the_golden_pixel_values_from_the_resized_frames() {
        List<RgbImage> resized = new ArrayList<>();
        GOLDEN.path("resized_frames").forEach(f -> resized.add(Pngs.readRgb(DIR.resolve(f.asText()))));
        PixelPatches patches = new Patchifier(16, 2, 2).frames(resized);
        assertThat(new int[] {patches.gridT(), patches.gridH(), patches.gridW()})
                .containsExactly(ints(GOLDEN.path("grid_thw")));
        assertThat(TestImages.maxAbsDifference(patches.values(), goldenPixels())).isLessThanOrEqualTo(1e-6f);
    }

    @Test
    void should_preprocess_the_clip_like_the_reference() {
        VideoPatches got = new VideoPreprocessor().fromFile(DIR.resolve("clip.mp4"), VideoOptions.defaults());

        assertThat(got.sampledIndices()).containsExactly(ints(GOLDEN.path("sampled_indices"))).containsExactly(0, 8,
                15, 23);
        List<String> timestamps = new ArrayList<>();
        GOLDEN.path("timestamps").forEach(t -> timestamps.add(t.asText()));
        assertThat(got.timestamps()).containsExactlyElementsOf(timestamps).containsExactly("0.5", "2.4");
        assertThat(got.fps()).isEqualTo(8.0);
        assertThat(new int[] {got.frameHeight(), got.frameWidth()}).containsExactly(ints(GOLDEN.path("resized_hw")));
        PixelPatches p = got.patches();
        assertThat(new int[] {p.gridT(), p.gridH(), p.gridW()}).containsExactly(ints(GOLDEN.path("grid_thw")))
                .containsExactly(2, 20, 28);
        assertThat(got.tokenCount(2)).isEqualTo(280);

        float[] expected = goldenPixels();
        int differing = 0;
        float max = 0;
        for (int i = 0; i < expected.length; i++) {
            float d = Math.abs(p.values()[i] - expected[i]);
            if (d > 1e-6f) {
                differing++;
            }
            max = Math.max(max, d);
        }
        System.out.printf("clip.mp4 end to end: %d of %d pixel values differ from the golden ones by more than 1e-6, "
                + "max %.3g (one level is %.3g)%n", differing, expected.length, max, 1 / 127.5);
        // decoding may differ by a level or two (see the decoder test); resizing spreads but does not grow it
        assertThat(max).isLessThanOrEqualTo(2 / 127.5f + 1e-6f);
    }

    private static float[] goldenPixels() {
        try (SafetensorsFile g = SafetensorsFile.open(DIR.resolve("golden.safetensors"))) {
            assertThat(g.tensors()).containsOnlyKeys("pixel_values_videos");
            return g.readFloats("pixel_values_videos");
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}

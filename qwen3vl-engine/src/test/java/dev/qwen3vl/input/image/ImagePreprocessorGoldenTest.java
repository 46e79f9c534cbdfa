package dev.qwen3vl.input.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.input.PixelPatches;
import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.model.SafetensorsFile;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.Pngs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePreprocessorGoldenTest {

    private final ImagePreprocessor preprocessor = new ImagePreprocessor(new ImageLoader());

    @Test
    void should_reproduce_every_golden_image_preprocess_case() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        for (JsonNode c : Fixtures.golden().path("cases")) {
            if ("image_preprocess".equals(c.path("kind").asText())) {
                cases.add(c);
            }
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(4);
        int withPixelValues = 0;
        try (SafetensorsFile golden = SafetensorsFile.open(Fixtures.root().resolve("golden.safetensors"))) {
            for (JsonNode c : cases) {
                String name = c.path("image").asText();
                ImageSource source = ImageSource.ofPath(Fixtures.image(name));

                RgbImage expected = Pngs.readRgb(Fixtures.image(c.path("resized_png").asText()));
                RgbImage resized = preprocessor.resized(source);
                assertThat(new int[] {resized.height(), resized.width()}).as(name)
                        .containsExactly(c.path("resized_hw").get(0).asInt(), c.path("resized_hw").get(1).asInt());
                assertThat(resized.rgb()).as("resized %s", name).isEqualTo(expected.rgb());

                PixelPatches patches = preprocessor.preprocess(source);
                assertThat(new long[] {patches.gridT(), patches.gridH(), patches.gridW()}).as(name)
                        .containsExactly(Fixtures.longs(c.path("grid_thw")));
                if (!c.path("pixel_values").isNull()) {
                    float[] want = golden.readFloats(c.path("pixel_values").asText());
                    assertThat(patches.values()).as("pixel_values %s", name).hasSameSizeAs(want);
                    for (int i = 0; i < want.length; i++) {
                        assertThat(patches.values()[i]).as("pixel_values %s [%d]", name, i)
                                .isCloseTo(want[i], within(1e-6f));
                    }
                    withPixelValues++;
                }
            }
        }
        assertThat(withPixelValues).isGreaterThanOrEqualTo(3);
    }

    @Test
    void should_resize_a_single_pixel_to_64x64_as_the_smart_resize_table_says() {
        JsonNode row = null;
        for (JsonNode r : Fixtures.golden().path("smart_resize")) {
            if (r.path("h").asInt() == 1 && r.path("w").asInt() == 1) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        byte[] png = EncodedImages.png(1, 1, 8, 2, new byte[][] {EncodedImages.bytes(10, 200, 30)}, null, null);

        RgbImage resized = preprocessor.resized(ImageSource.ofBytes(png, "1x1.png"));

        assertThat(resized.height()).isEqualTo(row.path("out").get(0).asInt());
        assertThat(resized.width()).isEqualTo(row.path("out").get(1).asInt());
        for (int i = 0; i < resized.rgb().length; i += 3) {
            assertThat(new int[] {resized.rgb()[i] & 0xff, resized.rgb()[i + 1] & 0xff, resized.rgb()[i + 2] & 0xff})
                    .containsExactly(10, 200, 30);
        }
        PixelPatches patches = preprocessor.preprocess(ImageSource.ofBytes(png, "1x1.png"));
        assertThat(new int[] {patches.gridT(), patches.gridH(), patches.gridW()}).containsExactly(1, 4, 4);
    }

    @Test
    void should_use_the_resize_bounds_given_to_the_preprocessor() {
        ImagePreprocessor small = new ImagePreprocessor(new ImageLoader(), 16, 2, 2, 4096, 64 * 64);

        RgbImage resized = small.resized(ImageSource.ofPath(Fixtures.image("d_640x480.png")));

        // smart_resize: beta = sqrt(640*480/4096) = 8.66; 480/8.66/32 -> 1 -> 32, 640/8.66/32 -> 2 -> 64
        assertThat(new int[] {resized.height(), resized.width()}).containsExactly(32, 64);
    }
}

package dev.qwen3vl.input.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.Pngs;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PillowBicubicTest {

    @Test
    void should_reproduce_pillow_resize_of_rgb_fixture_byte_for_byte() throws IOException {
        RgbImage src = Pngs.readRgb(Fixtures.image("b_100x150.png"));
        RgbImage expected = Pngs.readRgb(Fixtures.image("resized_b_100x150.png"));
        RgbImage got = PillowBicubic.resize(src, expected.width(), expected.height());
        assertThat(got.rgb()).isEqualTo(expected.rgb());
    }

    @Test
    void should_copy_when_the_size_does_not_change() throws IOException {
        RgbImage src = Pngs.readRgb(Fixtures.image("a_64x96.png"));
        RgbImage got = PillowBicubic.resize(src, src.width(), src.height());
        assertThat(got.rgb()).isEqualTo(src.rgb()).isNotSameAs(src.rgb());
    }

    @Test
    void kernel_is_keys_cubic_with_a_minus_half() {
        assertThat(PillowBicubic.cubic(0)).isEqualTo(1.0);
        assertThat(PillowBicubic.cubic(1)).isEqualTo(0.0);
        assertThat(PillowBicubic.cubic(0.5)).isEqualTo(0.5625);
        assertThat(PillowBicubic.cubic(1.5)).isEqualTo(-0.0625);
        assertThat(PillowBicubic.cubic(2)).isEqualTo(0.0);
    }
}

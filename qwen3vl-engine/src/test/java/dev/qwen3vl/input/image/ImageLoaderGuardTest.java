package dev.qwen3vl.input.image;

import static dev.qwen3vl.input.image.EncodedImages.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.testing.Fixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderGuardTest {

    private final ImageLoader loader = new ImageLoader();

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Fixtures.image(name));
    }

    private static byte[] resource(String name) throws IOException {
        try {
            return Files.readAllBytes(
                    Paths.get(ImageLoaderGuardTest.class.getResource("/image-input/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_refuse_a_decompression_bomb_from_its_header_alone() {
        // a valid signature and IHDR declaring 100000 x 100000 RGB, with a few bytes of image data
        byte[] bomb = EncodedImages.png(100_000, 100_000, 8, 2, new byte[][] {bytes(1, 2, 3)}, null, null);
        assertThat(bomb.length).isLessThan(100);

        long start = System.nanoTime();
        assertThatThrownBy(() -> loader.load(ImageSource.ofBytes(bomb, "bomb.png")))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("bomb.png")
                .hasMessageContaining("100000x100000")
                .hasMessageContaining("100,000,000 (ImageLimits.maxPixels)");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    }

    @Test
    void should_apply_a_configured_pixel_limit() {
        ImageLoader strict = new ImageLoader(ImageLimits.builder().maxPixels(300_000).build());
        ImageSource source = ImageSource.ofPath(Fixtures.image("d_640x480.png"));

        assertThatThrownBy(() -> strict.load(source))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining(Fixtures.image("d_640x480.png").toString())
                .hasMessageContaining("640x480 = 307,200 pixels")
                .hasMessageContaining("300,000");
        assertThat(loader.load(source).width()).isEqualTo(640);
    }

    @Test
    void should_refuse_an_aspect_ratio_above_200_and_accept_200() {
        byte[][] rows300 = new byte[300][];
        Arrays.fill(rows300, bytes(7));
        byte[] tall = EncodedImages.png(1, 300, 8, 0, rows300, null, null);
        byte[][] rows200 = new byte[200][];
        Arrays.fill(rows200, bytes(7));
        byte[] ok = EncodedImages.png(1, 200, 8, 0, rows200, null, null);

        assertThatThrownBy(() -> loader.load(ImageSource.ofBytes(tall, "strip.png")))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("strip.png")
                .hasMessageContaining("aspect ratio of the 1x300 image is 300.0")
                .hasMessageContaining("limit of 200 (ImageLimits.maxAspectRatio)");
        assertThat(loader.load(ImageSource.ofBytes(ok, "ok.png")).height()).isEqualTo(200);
    }

    @Test
    void should_refuse_an_empty_image() {
        byte[] empty = EncodedImages.png(0, 5, 8, 2, new byte[0][], null, null);

        assertThatThrownBy(() -> loader.load(ImageSource.ofBytes(empty, "empty.png")))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("empty.png")
                .hasMessageContaining("empty size 0x5");
    }

    @Test
    void should_refuse_inputs_over_max_bytes_before_decoding(@TempDir Path dir) throws IOException {
        ImageLoader small = new ImageLoader(ImageLimits.builder().maxBytes(1_000).build());
        byte[] png = fixture("b_100x150.png");
        Path file = Files.write(dir.resolve("b.png"), png);

        assertThatThrownBy(() -> small.load(ImageSource.ofBytes(png, "b bytes")))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("b bytes")
                .hasMessageContaining("larger than the limit of 1000 bytes (ImageLimits.maxBytes)");
        assertThatThrownBy(() -> small.load(ImageSource.ofPath(file)))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("ImageLimits.maxBytes");
    }

    @Test
    void should_refuse_truncated_png_gif_bmp_and_webp() throws IOException {
        byte[] png = fixture("b_100x150.png");
        byte[] gif = EncodedImages.gif(20, 20, new byte[768], 0, 0, 20, 20, new byte[400], -1);
        byte[] bmp = EncodedImages.bmp32(20, 20, 0xFF0000L, 0xFF00L, 0xFFL, 0L, new long[400]);
        byte[] webp = resource("a_64x96_lossless.webp");

        for (byte[][] c : new byte[][][] {{png}, {gif}, {bmp}, {webp}}) {
            byte[] data = c[0];
            for (int cut : new int[] {data.length / 2, data.length - 8}) {
                if (data == png && cut == data.length - 8) {
                    continue; // only the IEND chunk missing: Pillow accepts that too
                }
                byte[] truncated = Arrays.copyOf(data, cut);
                assertThatThrownBy(() -> loader.load(ImageSource.ofBytes(truncated, "cut file")))
                        .as("%d of %d bytes", cut, data.length)
                        .isInstanceOf(InvalidImageException.class)
                        .hasMessageContaining("cut file")
                        .hasMessageContaining("truncated");
            }
        }
    }

    @Test
    void should_refuse_truncated_jpegs_but_accept_a_baseline_jpeg_missing_only_its_end_marker() throws IOException {
        byte[] baseline = resource("b_100x150_baseline.jpg");
        byte[] progressive = resource("b_100x150_progressive_icc.jpg");
        int lastScan = lastIndexOf(progressive, (byte) 0xFF, (byte) 0xDA);

        for (byte[] cut : new byte[][] {Arrays.copyOf(baseline, baseline.length / 2),
                Arrays.copyOf(baseline, baseline.length - 3), Arrays.copyOf(progressive, lastScan),
                Arrays.copyOf(progressive, progressive.length - 2)}) {
            assertThatThrownBy(() -> loader.load(ImageSource.ofBytes(cut, "cut.jpg")))
                    .as("%d bytes", cut.length)
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageContaining("cut.jpg")
                    .hasMessageContaining("truncated");
        }
        RgbImage full = loader.load(ImageSource.ofBytes(baseline, "full.jpg"));
        RgbImage noEnd = loader.load(ImageSource.ofBytes(Arrays.copyOf(baseline, baseline.length - 2), "no EOI"));
        assertThat(noEnd.rgb()).isEqualTo(full.rgb());
    }

    @Test
    void should_refuse_undecodable_and_unsupported_data() throws IOException {
        byte[] text = "just some text, not an image".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = Arrays.copyOf(fixture("a_64x96.png"), 200);
        Arrays.fill(garbage, 40, 200, (byte) 0x5a);

        assertThatThrownBy(() -> loader.load(ImageSource.ofBytes(text, "notes.txt")))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("notes.txt")
                .hasMessageContaining("unrecognised or unsupported image format");
        assertThatThrownBy(() -> loader.load(ImageSource.ofBytes(garbage, "garbage.png")))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("garbage.png")
                .hasMessageContaining("PNG data is truncated or corrupt");
    }

    @Test
    void should_name_missing_files_and_directories(@TempDir Path dir) {
        Path missing = dir.resolve("missing.png");

        assertThatThrownBy(() -> loader.load(ImageSource.ofPath(missing)))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> loader.load(ImageSource.ofPath(dir)))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("is a directory");
    }

    private static int lastIndexOf(byte[] data, byte a, byte b) {
        for (int i = data.length - 2; i >= 0; i--) {
            if (data[i] == a && data[i + 1] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("marker not found");
    }
}

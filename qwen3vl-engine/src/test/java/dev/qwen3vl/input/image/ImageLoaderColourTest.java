package dev.qwen3vl.input.image;

import static dev.qwen3vl.input.image.EncodedImages.be16;
import static dev.qwen3vl.input.image.EncodedImages.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.Pngs;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Decoding and RGB conversion, format by format. Expected values follow from how each test image is built and
 * from Pillow's documented conversions (those qwen-vl-utils' {@code fetch_image} relies on): they are written out by hand, or come from the reference
 * decoders (libjpeg-turbo's djpeg, libwebp's dwebp) for the committed JPEG and WebP files.
 */
class ImageLoaderColourTest {

    private final ImageLoader loader = new ImageLoader();

    private RgbImage load(byte[] data) {
        return loader.load(ImageSource.ofBytes(data, "test image"));
    }

    private static int[] pixels(RgbImage img) {
        int[] out = new int[img.rgb().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = img.rgb()[i] & 0xff;
        }
        return out;
    }

    private static Path resource(String name) {
        try {
            return Paths.get(ImageLoaderColourTest.class.getResource("/image-input/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- PNG

    @Test
    void should_replicate_8_bit_grey_without_any_gamma_conversion() {
        byte[] png = EncodedImages.png(6, 1, 8, 0, new byte[][] {bytes(0, 1, 127, 128, 254, 255)}, null, null);

        assertThat(pixels(load(png))).containsExactly(
                0, 0, 0, 1, 1, 1, 127, 127, 127, 128, 128, 128, 254, 254, 254, 255, 255, 255);
    }

    @Test
    void should_scale_1_2_and_4_bit_grey_to_8_bits() {
        byte[] one = EncodedImages.png(8, 1, 1, 0, new byte[][] {bytes(0b01101001)}, null, null);
        byte[] two = EncodedImages.png(4, 1, 2, 0, new byte[][] {bytes(0b00011011)}, null, null);
        byte[] four = EncodedImages.png(4, 1, 4, 0, new byte[][] {bytes(0x05, 0xAF)}, null, null);

        assertThat(pixels(load(one))).containsExactly(
                0, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 0, 0, 0, 0, 0, 0, 255, 255, 255);
        assertThat(pixels(load(two))).containsExactly(0, 0, 0, 85, 85, 85, 170, 170, 170, 255, 255, 255);
        assertThat(pixels(load(four))).containsExactly(0, 0, 0, 85, 85, 85, 170, 170, 170, 255, 255, 255);
    }

    @Test
    void should_saturate_16_bit_grey_at_255_like_pillow_i16() {
        byte[] png = EncodedImages.png(6, 1, 16, 0, new byte[][] {be16(0, 1, 200, 255, 256, 65535)}, null, null);

        assertThat(pixels(load(png))).containsExactly(
                0, 0, 0, 1, 1, 1, 200, 200, 200, 255, 255, 255, 255, 255, 255, 255, 255, 255);
    }

    @Test
    void should_ignore_a_transparent_colour_key_on_grey_and_rgb() {
        byte[] grey = EncodedImages.png(2, 1, 8, 0, new byte[][] {bytes(128, 7)}, null, be16(128));
        byte[] rgb = EncodedImages.png(2, 1, 8, 2, new byte[][] {bytes(10, 20, 30, 40, 50, 60)}, null,
                be16(10, 20, 30));

        assertThat(pixels(load(grey))).containsExactly(128, 128, 128, 7, 7, 7);
        assertThat(pixels(load(rgb))).containsExactly(10, 20, 30, 40, 50, 60);
    }

    @Test
    void should_keep_the_high_byte_of_16_bit_rgb() {
        byte[] png = EncodedImages.png(1, 1, 16, 2, new byte[][] {be16(0x1234, 0xABCD, 0x00FF)}, null, null);

        assertThat(pixels(load(png))).containsExactly(0x12, 0xAB, 0x00);
    }

    @Test
    void should_composite_rgba_over_white_with_pillows_rounding() {
        byte[] png = EncodedImages.png(4, 1, 8, 6,
                new byte[][] {bytes(0, 0, 0, 0, 0, 100, 200, 128, 200, 100, 0, 255, 100, 250, 0, 64)}, null, null);

        // t = 255 (255 - a) + c a + 128, out = (t + (t >> 8)) >> 8
        assertThat(pixels(load(png))).containsExactly(255, 255, 255, 127, 177, 227, 200, 100, 0, 216, 254, 191);
    }

    @Test
    void should_composite_16_bit_rgba_using_the_high_bytes() {
        byte[] png = EncodedImages.png(1, 1, 16, 6, new byte[][] {be16(0x12FF, 0xC800, 0x0000, 0x8001)}, null,
                null);

        // c = 0x12, 0xC8, 0x00 with a = 0x80
        assertThat(pixels(load(png))).containsExactly(136, 227, 127);
    }

    @Test
    void should_drop_the_alpha_of_8_bit_grey_alpha_without_compositing() {
        byte[] png = EncodedImages.png(2, 1, 8, 4, new byte[][] {bytes(100, 0, 30, 128)}, null, null);

        assertThat(pixels(load(png))).containsExactly(100, 100, 100, 30, 30, 30);
    }

    @Test
    void should_composite_16_bit_grey_alpha_which_pillow_opens_as_rgba() {
        byte[] png = EncodedImages.png(2, 1, 16, 4, new byte[][] {be16(0x6400, 0x0000, 0x64FF, 0x80FF)}, null,
                null);

        // grey 0x64 = 100 with alpha 0 -> white; with alpha 0x80 -> 177
        assertThat(pixels(load(png))).containsExactly(255, 255, 255, 177, 177, 177);
    }

    @Test
    void should_look_up_palette_pngs_ignoring_transparency() {
        byte[] plte = bytes(255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 8, 7);
        byte[] png = EncodedImages.png(5, 1, 8, 3, new byte[][] {bytes(0, 1, 2, 3, 5)}, plte, bytes(0, 128, 255));

        // index 5 is past the 4-entry palette: black in Pillow (ImageIO would repeat the last entry)
        assertThat(pixels(load(png))).containsExactly(255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 8, 7, 0, 0, 0);
    }

    @Test
    void should_look_up_2_bit_palette_pngs() {
        byte[] plte = bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        byte[] png = EncodedImages.png(4, 1, 2, 3, new byte[][] {bytes(0b11100100)}, plte, null);

        assertThat(pixels(load(png))).containsExactly(10, 11, 12, 7, 8, 9, 4, 5, 6, 1, 2, 3);
    }

    // ---------------------------------------------------------------- GIF

    @Test
    void should_look_up_the_first_gif_frame_in_its_palette_plain_and_interlaced() {
        byte[] palette = new byte[768];
        for (int i = 0; i < 256; i++) {
            palette[3 * i] = (byte) i;
            palette[3 * i + 1] = (byte) (255 - i);
            palette[3 * i + 2] = (byte) (i * 7);
        }
        for (int[] size : new int[][] {{40, 30}, {5, 3}, {3, 2}, {1, 4}}) {
            int w = size[0];
            int h = size[1];
            byte[] idx = new byte[w * h];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = (byte) (i * 37 + 11);
            }
            for (boolean interlaced : new boolean[] {false, true}) {
                int[] got = pixels(load(EncodedImages.gif(w, h, palette, 0, 0, w, h, idx, -1, interlaced)));

                for (int i = 0; i < idx.length; i++) {
                    int v = idx[i] & 0xff;
                    assertThat(new int[] {got[3 * i], got[3 * i + 1], got[3 * i + 2]})
                            .as("%dx%d interlaced=%s pixel %d", w, h, interlaced, i)
                            .containsExactly(v, 255 - v, (v * 7) & 0xff);
                }
            }
        }
    }

    @Test
    void should_place_the_first_gif_frame_on_the_logical_screen_filled_with_the_transparent_index() {
        byte[] palette = new byte[768];
        for (int i = 0; i < 256; i++) {
            palette[3 * i] = (byte) i;
            palette[3 * i + 1] = (byte) (i / 2);
            palette[3 * i + 2] = (byte) 9;
        }
        // 4x3 screen, 2x1 frame at (1, 1) holding index 7 (the transparent one) and index 40
        byte[] gif = EncodedImages.gif(4, 3, palette, 1, 1, 2, 1, bytes(7, 40), 7);

        RgbImage img = load(gif);

        assertThat(img.width()).isEqualTo(4);
        assertThat(img.height()).isEqualTo(3);
        int[] px = pixels(img);
        for (int i = 0; i < 12; i++) {
            int[] want = i == 6 ? new int[] {40, 20, 9} : new int[] {7, 3, 9};
            assertThat(new int[] {px[3 * i], px[3 * i + 1], px[3 * i + 2]}).as("pixel %d", i).containsExactly(want);
        }
    }

    @Test
    void should_fill_the_rest_of_the_gif_screen_with_index_0_without_transparency() {
        byte[] palette = new byte[768];
        palette[0] = 11;
        palette[1] = 22;
        palette[2] = 33;
        palette[3 * 5] = (byte) 250;
        byte[] gif = EncodedImages.gif(2, 2, palette, 1, 0, 1, 1, bytes(5), -1);

        assertThat(pixels(load(gif))).containsExactly(11, 22, 33, 250, 0, 0, 11, 22, 33, 11, 22, 33);
    }

    // ---------------------------------------------------------------- BMP

    @Test
    void should_read_24_bit_and_8_bit_bmp_samples_as_they_are() throws IOException {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
        rgb.getRaster().setPixels(0, 0, 2, 1, new int[] {1, 2, 3, 250, 128, 0});
        byte[] p = new byte[256];
        byte[] q = new byte[256];
        byte[] s = new byte[256];
        p[0] = 10;
        q[0] = 30;
        s[0] = 50;
        p[1] = 20;
        q[1] = 40;
        s[1] = 60;
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, p, q, s));
        indexed.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {1, 0});

        assertThat(pixels(load(encode(rgb, "bmp")))).containsExactly(1, 2, 3, 250, 128, 0);
        assertThat(pixels(load(encode(indexed, "bmp")))).containsExactly(20, 40, 60, 10, 30, 50);
    }

    @Test
    void should_composite_32_bit_bitfield_bmps_with_an_alpha_mask() {
        byte[] bmp = EncodedImages.bmp32(2, 1, 0xFF0000L, 0xFF00L, 0xFFL, 0xFF000000L,
                new long[] {0x80006432L, 0xFF0A141EL});

        // (r, g, b, a) = (0, 100, 50, 128) and (10, 20, 30, 255)
        assertThat(pixels(load(bmp))).containsExactly(127, 177, 152, 10, 20, 30);
    }

    @Test
    void should_ignore_the_fourth_byte_of_32_bit_bmps_without_an_alpha_mask() {
        byte[] bmp = EncodedImages.bmp32(1, 1, 0xFF0000L, 0xFF00L, 0xFFL, 0L, new long[] {0x10006432L});

        assertThat(pixels(load(bmp))).containsExactly(0, 100, 50);
    }

    @Test
    void should_expand_565_bmps_like_pillow() {
        // r = 31, g = 32, b = 1 -> 255, 32 * 255 / 63 = 129, 1 * 255 / 31 = 8
        int pixel = (31 << 11) | (32 << 5) | 1;
        byte[] bmp = EncodedImages.bmp16(1, 1, 0xF800L, 0x7E0L, 0x1FL, new long[] {pixel});

        assertThat(pixels(load(bmp))).containsExactly(255, 129, 8);
    }

    @Test
    void should_refuse_bmp_bit_fields_that_pillow_refuses() {
        byte[] bmp = EncodedImages.bmp32(1, 1, 0xFF00L, 0xFF0000L, 0xFFL, 0L, new long[] {0});

        assertThatThrownBy(() -> load(bmp)).isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("test image").hasMessageContaining("bit-field layout");
    }

    // ---------------------------------------------------------------- JPEG

    @Test
    void should_decode_a_baseline_jpeg_exactly_as_libjpeg_turbo() {
        assertThat(loader.load(ImageSource.ofPath(resource("b_100x150_baseline.jpg"))).rgb())
                .isEqualTo(EncodedImages.readNetpbm(resource("b_100x150_baseline.djpeg.ppm")).rgb());
    }

    @Test
    void should_decode_a_progressive_jpeg_ignoring_its_icc_profile_as_pillow_does() throws IOException {
        RgbImage expected = EncodedImages.readNetpbm(resource("b_100x150_progressive_icc.djpeg.ppm"));

        RgbImage got = loader.load(ImageSource.ofPath(resource("b_100x150_progressive_icc.jpg")));

        assertThat(got.rgb()).isEqualTo(expected.rgb());
        // the embedded (linear RGB) profile matters: ImageIO's colour-managed decoding gives other values
        BufferedImage managed = ImageIO.read(resource("b_100x150_progressive_icc.jpg").toFile());
        int[] px = managed.getRaster().getPixel(10, 10, (int[]) null);
        assertThat(new int[] {px[0], px[1], px[2]})
                .isNotEqualTo(new int[] {got.get(10, 10, 0), got.get(10, 10, 1), got.get(10, 10, 2)});
    }

    @Test
    void should_decode_grey_and_adobe_rgb_jpegs_as_libjpeg_turbo() {
        assertThat(loader.load(ImageSource.ofPath(resource("a_64x96_grey.jpg"))).rgb())
                .isEqualTo(EncodedImages.readNetpbm(resource("a_64x96_grey.djpeg.pgm")).rgb());
        assertThat(loader.load(ImageSource.ofPath(resource("a_64x96_rgb.jpg"))).rgb())
                .isEqualTo(EncodedImages.readNetpbm(resource("a_64x96_rgb.djpeg.ppm")).rgb());
    }

    // ---------------------------------------------------------------- WebP

    @Test
    void should_decode_lossless_webp_to_the_pixels_of_the_png_it_was_made_from() throws IOException {
        RgbImage expected = Pngs.readRgb(Fixtures.image("a_64x96.png"));

        assertThat(loader.load(ImageSource.ofPath(resource("a_64x96_lossless.webp"))).rgb())
                .isEqualTo(expected.rgb());
    }

    @Test
    void should_composite_lossless_webp_with_alpha_and_match_the_golden_resize() throws IOException {
        ImagePreprocessor preprocessor = new ImagePreprocessor(loader);
        RgbImage golden = Pngs.readRgb(Fixtures.image("resized_c_rgba_70x45.png"));

        RgbImage fromWebp = preprocessor.resized(ImageSource.ofPath(resource("c_rgba_70x45_lossless.webp")));

        assertThat(fromWebp.rgb()).isEqualTo(golden.rgb());
    }

    @Test
    void should_decode_lossy_webp_close_to_libwebp() {
        RgbImage expected = EncodedImages.readNetpbm(resource("b_100x150_lossy.dwebp.ppm"));

        RgbImage got = loader.load(ImageSource.ofPath(resource("b_100x150_lossy.webp")));

        long sum = 0;
        for (int i = 0; i < got.rgb().length; i++) {
            sum += Math.abs((got.rgb()[i] & 0xff) - (expected.rgb()[i] & 0xff));
        }
        double meanAbs = (double) sum / got.rgb().length;
        // TwelveMonkeys upsamples chroma without libwebp's "fancy" filter: documented, bounded difference
        assertThat(meanAbs).isLessThan(MEAN_LOSSY_WEBP_LIMIT);
    }

    /** Measured: 5.2 levels mean absolute difference (max 36) on this file. */
    private static final double MEAN_LOSSY_WEBP_LIMIT = 6.0;

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }
}

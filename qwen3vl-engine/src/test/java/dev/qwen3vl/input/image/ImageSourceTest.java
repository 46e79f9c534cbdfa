package dev.qwen3vl.input.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.Pngs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageSourceTest {

    @Test
    void should_give_the_same_rgb_image_from_every_kind_of_source() throws IOException {
        Path file = Fixtures.image("c_rgba_70x45.png").toAbsolutePath();
        byte[] png = Files.readAllBytes(file);
        BufferedImage decoded = ImageIO.read(file.toFile());
        assertThat(decoded.getColorModel().hasAlpha()).isTrue();
        ImageLoader loader =
                new ImageLoader(ImageLimits.builder().allowUrlFetch(true).allowPrivateAddresses(true).build());

        try (LocalImageServer server = new LocalImageServer().serve("/c.png", png, false)) {
            Map<String, ImageSource> sources = new LinkedHashMap<>();
            sources.put("path", ImageSource.ofPath(file));
            sources.put("bytes", ImageSource.ofBytes(png, "c bytes"));
            sources.put("BufferedImage", ImageSource.of(decoded, "c decoded"));
            sources.put("data URI",
                    ImageSource.ofDataUri("data:image/png;base64," + Base64.getEncoder().encodeToString(png)));
            sources.put("file URI", ImageSource.parse(file.toUri().toString()));
            sources.put("plain path", ImageSource.parse(file.toString()));
            sources.put("URL", ImageSource.parse(server.uri("/c.png").toString()));

            RgbImage expected = loader.load(sources.get("path"));
            // the RGBA fixture composited over white: its resize is the golden one
            assertThat(PillowBicubic.resize(expected, 64, 96).rgb())
                    .isEqualTo(Pngs.readRgb(Fixtures.image("resized_c_rgba_70x45.png")).rgb());
            for (Map.Entry<String, ImageSource> e : sources.entrySet()) {
                RgbImage got = loader.load(e.getValue());
                assertThat(got.width()).as(e.getKey()).isEqualTo(45);
                assertThat(got.height()).as(e.getKey()).isEqualTo(70);
                assertThat(got.rgb()).as(e.getKey()).isEqualTo(expected.rgb());
            }
            assertThat(server.hits()).isEqualTo(1);
        }
    }

    @Test
    void should_read_buffered_images_like_the_equivalent_pil_images() {
        BufferedImage grey16 = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setPixels(0, 0, 3, 1, new int[] {100, 255, 40000});
        BufferedImage argbPre = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE);
        argbPre.getRaster().setPixels(0, 0, 1, 1, new int[] {10, 20, 30, 255});
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.getRaster().setPixels(0, 0, 1, 1, new int[] {0, 100, 200, 128});
        ImageLoader loader = new ImageLoader();

        assertThat(loader.load(ImageSource.of(grey16, "grey16")).rgb())
                .containsExactly(100, 100, 100, (byte) 255, (byte) 255, (byte) 255, (byte) 255, (byte) 255, (byte) 255);
        assertThat(loader.load(ImageSource.of(argbPre, "pre")).rgb()).containsExactly(10, 20, 30);
        assertThat(loader.load(ImageSource.of(argb, null)).rgb()).containsExactly(127, (byte) 177, (byte) 227);
    }

    @Test
    void should_parse_each_kind_of_reference() {
        assertThat(ImageSource.parse("data:image/png;base64,iVBORw0KGgo=").kind()).isEqualTo(ImageSource.Kind.DATA_URI);
        assertThat(ImageSource.parse("HTTPS://example.com/a.png").kind()).isEqualTo(ImageSource.Kind.URL);
        assertThat(ImageSource.parse("http://example.com/a.png").kind()).isEqualTo(ImageSource.Kind.URL);
        ImageSource fileUri = ImageSource.parse("file:///tmp/some%20dir/a.png");
        assertThat(fileUri.kind()).isEqualTo(ImageSource.Kind.PATH);
        assertThat(fileUri.path()).isEqualTo(Path.of("/tmp/some dir/a.png"));
        assertThat(ImageSource.parse("file://relative/a.png").path()).isEqualTo(Path.of("relative/a.png"));
        assertThat(ImageSource.parse("images/a.png").path()).isEqualTo(Path.of("images/a.png"));

        assertThatThrownBy(() -> ImageSource.parse("ftp://example.com/a.png"))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("unsupported URL scheme 'ftp'");
        assertThatThrownBy(() -> ImageSource.parse("  ")).isInstanceOf(InvalidImageException.class);
        assertThatThrownBy(() -> ImageSource.ofUrl(URI.create("ftp://example.com/a.png")))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("only http and https");
        assertThatThrownBy(() -> ImageSource.ofDataUri("data:text/plain;base64,aGVsbG8="))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("not an image type");
        assertThatThrownBy(() -> ImageSource.ofDataUri("data:image/svg+xml,<svg/>"))
                .isInstanceOf(InvalidImageException.class).hasMessageContaining("base64");
    }

    @Test
    void should_describe_inputs_without_their_content_or_secrets() throws IOException {
        byte[] png = Files.readAllBytes(Fixtures.image("b_100x150.png"));
        String base64 = Base64.getEncoder().encodeToString(png);

        String dataUri = ImageSource.ofDataUri("data:image/png;base64," + base64).description();
        String url = ImageSource.parse("https://user:secret@example.com:8443/img/a.png?sig=abc123").description();

        assertThat(dataUri).isEqualTo("data URI (41 kB, image/png)");
        assertThat(url).isEqualTo("https://example.com:8443/img/a.png?…");
        assertThat(ImageSource.ofPath(Path.of("/x/y.png")).description()).isEqualTo("/x/y.png");
        assertThat(ImageSource.ofBytes(png, "upload #3").description()).isEqualTo("upload #3");
        assertThat(ImageSource.ofBytes(png, null).description()).isEqualTo("encoded bytes (41 kB)");
        assertThat(ImageSource.of(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "").description())
                .isEqualTo("BufferedImage 3x2");
    }

    @Test
    void should_copy_the_bytes_it_is_given() {
        byte[] data = {1, 2, 3};
        ImageSource source = ImageSource.ofBytes(data, "x");

        data[0] = 9;

        assertThat(source.bytes()).containsExactly(1, 2, 3);
    }
}

package dev.qwen3vl.input.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * URL sources. The only server ever contacted is {@link LocalImageServer} on 127.0.0.1; refusals are checked
 * with address literals (no name lookup), and the server's request counter proves that nothing connected.
 */
class ImageUrlFetchTest {

    private static final ImageLimits FETCH = ImageLimits.builder().allowUrlFetch(true).build();
    private static final ImageLimits FETCH_LOOPBACK = FETCH.toBuilder().allowPrivateAddresses(true).build();

    private LocalImageServer server;
    private byte[] png;

    @BeforeEach
    void start() throws IOException {
        png = Files.readAllBytes(Fixtures.image("a_64x96.png"));
        server = new LocalImageServer()
                .serve("/a.png", png, false)
                .serve("/chunked.png", png, true)
                .redirect("/moved", 302, "/a.png")
                .redirect("/loop", 307, "/loop")
                .redirect("/to-file", 301, "file:///etc/passwd")
                .status("/missing.png", 404)
                .stalled("/stalled.png");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void should_refuse_every_url_while_fetching_is_disabled_and_say_how_to_enable_it() {
        ImageLoader loader = new ImageLoader();

        assertThatThrownBy(() -> loader.load(ImageSource.ofUrl(server.uri("/a.png"))))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("http://127.0.0.1:" + server.port() + "/a.png")
                .hasMessageContaining("allowUrlFetch(true)");
        assertThatThrownBy(() -> loader.load(ImageSource.ofUrl(URI.create("https://images.invalid/x.png"))))
                .hasMessageContaining("allowUrlFetch(true)");
        assertThat(server.hits()).isZero();
    }

    @Test
    void should_refuse_loopback_private_and_link_local_hosts_before_connecting() {
        ImageLoader loader = new ImageLoader(FETCH);
        int port = server.port();
        String[] urls = {
            "http://127.0.0.1:" + port + "/a.png",
            "http://[::1]:" + port + "/a.png",
            "http://localhost:" + port + "/a.png",
            "http://[::ffff:127.0.0.1]:" + port + "/a.png",
            "http://0.0.0.0:" + port + "/a.png",
            "http://10.0.0.1/a.png",
            "http://172.16.5.4/a.png",
            "http://192.168.1.1/a.png",
            "http://100.64.0.1/a.png",
            "http://169.254.169.254/latest/meta-data/",
            "http://[fd00::1]/a.png",
            "http://[fe80::1]/a.png",
        };
        for (String url : urls) {
            assertThatThrownBy(() -> loader.load(ImageSource.parse(url)))
                    .as(url)
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageContaining("refusing to connect")
                    .hasMessageContaining("allowPrivateAddresses");
        }
        assertThat(server.hits()).isZero();
    }

    @Test
    void should_fetch_from_an_allowed_local_server_following_a_redirect() {
        ImageLoader loader = new ImageLoader(FETCH_LOOPBACK);
        RgbImage expected = loader.load(ImageSource.ofBytes(png, "a.png"));

        RgbImage direct = loader.load(ImageSource.ofUrl(server.uri("/a.png")));
        RgbImage chunked = loader.load(ImageSource.ofUrl(server.uri("/chunked.png")));
        RgbImage redirected = loader.load(ImageSource.ofUrl(server.uri("/moved")));

        assertThat(direct.rgb()).isEqualTo(expected.rgb());
        assertThat(chunked.rgb()).isEqualTo(expected.rgb());
        assertThat(redirected.rgb()).isEqualTo(expected.rgb());
        assertThat(server.hits()).isEqualTo(4);
    }

    @Test
    void should_stop_after_max_redirects() {
        ImageLoader loader = new ImageLoader(FETCH_LOOPBACK.toBuilder().maxRedirects(3).build());

        assertThatThrownBy(() -> loader.load(ImageSource.ofUrl(server.uri("/loop"))))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("/loop")
                .hasMessageContaining("more than 3 redirects");
        assertThat(server.hits()).isEqualTo(4);
    }

    @Test
    void should_refuse_a_redirect_to_another_scheme() {
        ImageLoader loader = new ImageLoader(FETCH_LOOPBACK);

        assertThatThrownBy(() -> loader.load(ImageSource.ofUrl(server.uri("/to-file"))))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("redirect to a file URL");
    }

    @Test
    void should_cap_the_download_at_max_bytes_with_and_without_content_length() {
        ImageLoader loader = new ImageLoader(FETCH_LOOPBACK.toBuilder().maxBytes(1_000).build());

        assertThatThrownBy(() -> loader.load(ImageSource.ofUrl(server.uri("/a.png"))))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("declares " + png.length + " bytes")
                .hasMessageContaining("1000 bytes (ImageLimits.maxBytes)");
        assertThatThrownBy(() -> loader.load(ImageSource.ofUrl(server.uri("/chunked.png"))))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("larger than the limit of 1000 bytes");
    }

    @Test
    void should_report_http_errors_and_timeouts() {
        ImageLoader loader = new ImageLoader(FETCH_LOOPBACK.toBuilder().urlTimeout(Duration.ofMillis(300)).build());

        assertThatThrownBy(() -> loader.load(ImageSource.ofUrl(server.uri("/missing.png"))))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> loader.load(ImageSource.ofUrl(server.uri("/stalled.png"))))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("longer than 300 ms (ImageLimits.urlTimeout)");
    }
}

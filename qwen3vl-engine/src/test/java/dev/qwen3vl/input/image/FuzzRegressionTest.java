package dev.qwen3vl.input.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Image inputs the fuzzer ({@link ImageDecoderFuzzTest}) found, kept in src/test/resources/fuzz-regressions: each
 * now fails with an {@link InvalidImageException} that names the input and says what is wrong, not with a decoder's
 * internal exception reported by the loader's catch-all as "truncated or corrupt". BMP: a pixel offset outside the
 * file or a huge palette made the JDK reader throw NegativeArraySizeException; WebP lossless: a backward reference
 * before the image start made TwelveMonkeys' VP8L decoder throw ArrayIndexOutOfBoundsException.
 */
class FuzzRegressionTest {

    static Stream<Path> inputs() throws IOException {
        return Files.list(Path.of("src/test/resources/fuzz-regressions"))
                .filter(f -> !f.getFileName().toString().startsWith("video-")).sorted();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void found_input_fails_with_a_specific_clear_error(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        assertThatThrownBy(() -> new ImageLoader().load(ImageSource.ofBytes(data, name)))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining(name)
                .hasMessageNotContaining("truncated or corrupt (") // the loader's catch-all
                .satisfies(e -> assertThat(e.getMessage())
                        .containsAnyOf("offset", "palette colours", "outside the image"));
    }
}

package dev.qwen3vl.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Chunking, file kinds and compute types: the small rules of the job, without Spark. */
class SourcesTest {

    @Test
    void texts_are_cut_into_packed_paragraphs_and_long_paragraphs_at_whitespace() {
        String text = "one two three\n\nfour five\n\n" + "word ".repeat(60);

        var chunks = TextChunker.chunks(text, 100);

        assertThat(chunks.get(0)).isEqualTo("one two three\n\nfour five");
        assertThat(chunks.subList(1, chunks.size())).allSatisfy(c -> {
            assertThat(c.length()).isLessThanOrEqualTo(100);
            assertThat(c).doesNotStartWith(" ").doesNotEndWith(" ").startsWith("word");
        });
        assertThat(String.join(" ", chunks.subList(1, chunks.size())).split(" ")).hasSize(60);
        assertThat(TextChunker.chunks(" \n\n \n", 100)).isEmpty();
    }

    @Test
    void kinds_come_from_the_extension_and_must_fit_the_first_bytes() {
        assertThat(SourceKind.of("file:/a/B.PDF")).isEqualTo(SourceKind.PDF);
        assertThat(SourceKind.of("s3a://x/y.md")).isEqualTo(SourceKind.MARKDOWN);
        assertThatThrownBy(() -> SourceKind.of("file:/a/archive.zip"))
                .hasMessageStartingWith("Unsupported file type '.zip'; supported: .txt");
        assertThatThrownBy(() -> SourceKind.of("file:/a.b/README")).hasMessageStartingWith("Unsupported file type "
                + "(no extension)");
        SourceKind.PDF.checkHead("%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
        SourceKind.VIDEO.checkHead(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'});
        assertThatThrownBy(() -> SourceKind.IMAGE.checkHead("hello".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("The content is not a valid image file: it starts with bytes 68656c6c6f, which no "
                        + "[png, jpg, jpeg, gif, bmp, webp] file does");
    }

    @Test
    void compute_types_follow_the_device() {
        assertThat(settings("BF16", "cpu").dtype()).isEqualTo("BF16");
        assertThat(settings("float16", "gpu:0").dtype()).isEqualTo("float16");
        assertThatThrownBy(() -> settings("float16", "cpu"))
                .hasMessageStartingWith("--dtype: dtype float16 is for CUDA devices only");
        assertThatThrownBy(() -> settings("int4", "cpu")).hasMessageStartingWith("--dtype: Unknown dtype 'int4'");
    }

    private static EmbedSettings settings(String dtype, String device) {
        return new EmbedSettings("m", "m", 8, null, dtype, device, 16, null, 2000, 96, 1 << 20);
    }
}

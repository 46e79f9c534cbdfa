package dev.qwen3vl.demo.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSnifferTest {

    @TempDir
    Path temp;

    @Test
    void should_recognise_the_corpus_files_by_name_and_content() {
        assertThat(FileSniffer.kindOf(Path.of("corpus/ferry-timetable.pdf"), "ferry-timetable.pdf"))
                .isEqualTo(FileKind.PDF);
        assertThat(FileSniffer.kindOf(Path.of("corpus/harbour-map.png"), "Harbour-Map.PNG")).isEqualTo(FileKind.IMAGE);
        assertThat(FileSniffer.kindOf(Path.of("corpus/skerrow-light.mp4"), "clip.mp4")).isEqualTo(FileKind.VIDEO);
        assertThat(FileSniffer.kindOf(Path.of("corpus/kelp-glass.md"), "kelp-glass.md")).isEqualTo(FileKind.MARKDOWN);
        assertThat(FileSniffer.kindOf(Path.of("corpus/lantern-tide-festival.txt"), "notes.txt"))
                .isEqualTo(FileKind.TEXT);
    }

    @Test
    void should_refuse_an_unsupported_extension_naming_the_supported_ones() throws IOException {
        Path file = Files.writeString(temp.resolve("slides.pptx"), "x");

        assertThatThrownBy(() -> FileSniffer.kindOf(file, "slides.pptx"))
                .isInstanceOf(UnsupportedFileException.class)
                .hasMessage("Unsupported file type '.pptx' of 'slides.pptx'; supported: .txt, .md, .markdown, .pdf, "
                        + ".png, .jpg, .jpeg, .webp, .gif, .bmp, .mp4, .webm, .mov, .avi");
        assertThatThrownBy(() -> FileSniffer.kindOf(file, "README"))
                .hasMessageStartingWith("Unsupported file type '(no extension)' of 'README'");
    }

    @Test
    void should_refuse_content_that_does_not_match_its_extension() throws IOException {
        Path text = Files.writeString(temp.resolve("a"), "plain words");
        Path binary = Files.write(temp.resolve("b"), new byte[] {'a', 0, 'b'});
        Path latin1 = Files.write(temp.resolve("c"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> FileSniffer.kindOf(text, "report.pdf"))
                .hasMessage("The content of 'report.pdf' is not a PDF (it does not start with %PDF-)");
        assertThatThrownBy(() -> FileSniffer.kindOf(text, "clip.webm"))
                .hasMessage("The content of 'clip.webm' is not an MP4, MOV, WebM or AVI video (unknown container "
                        + "signature)");
        assertThatThrownBy(() -> FileSniffer.kindOf(binary, "notes.txt"))
                .hasMessage("The content of 'notes.txt' is not UTF-8 text");
        assertThatThrownBy(() -> FileSniffer.kindOf(latin1, "notes.md"))
                .hasMessage("The content of 'notes.md' is not UTF-8 text");
    }
}

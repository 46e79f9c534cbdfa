package dev.qwen3vl.demo.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.demo.media.MediaStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDFs built to exhaust the renderer: 10⁴ pages, or a page box of 200x200 inches. Each gets a clear limit error. */
class HostilePdfTest {

    @TempDir
    Path tmp;

    @Test
    void ten_thousand_pages_are_refused_before_any_page_is_rendered() throws IOException {
        Path file = tmp.resolve("upload.bin");
        try (PDDocument pdf = new PDDocument()) {
            for (int i = 0; i < 10_000; i++) {
                pdf.addPage(new PDPage(PDRectangle.A4));
            }
            pdf.save(file.toFile());
        }
        MediaStore media = new MediaStore(tmp.resolve("data"));
        SourceFile source = new SourceFile(file, "pages.pdf", "ab12".repeat(16), FileKind.PDF, Files.size(file));
        assertThatThrownBy(() -> new PdfExtractor(media, 500, 50, 150).extract(source))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'pages.pdf' has 10000 pages; the limit is 1000 pages per PDF");
        assertThat(renderedFiles()).isZero();
    }

    @Test
    void a_huge_page_box_is_refused_with_its_size() throws IOException {
        Path file = tmp.resolve("upload.bin");
        try (PDDocument pdf = new PDDocument()) {
            pdf.addPage(new PDPage(PDRectangle.A4));
            pdf.addPage(new PDPage(new PDRectangle(14_400, 14_400)));
            pdf.save(file.toFile());
        }
        MediaStore media = new MediaStore(tmp.resolve("data"));
        SourceFile source = new SourceFile(file, "poster.pdf", "cd34".repeat(16), FileKind.PDF, Files.size(file));
        assertThatThrownBy(() -> new PdfExtractor(media, 500, 50, 150).extract(source))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'poster.pdf' page 2 is 14400 x 14400 points, 30000 x 30000 pixels at 150 dpi; the"
                        + " limit is 25000000 pixels per rendered page")
                .hasMessageNotContaining(tmp.toString());
    }

    @Test
    void a_page_tree_node_of_the_wrong_type_is_a_corrupt_file_not_a_crash() throws IOException {
        // found by PdfFuzzTest: PDFBox threw IllegalStateException ("Expected 'Page' but found COSName{Tage}")
        Path file = Path.of("src/test/resources/fuzz-regressions/pdf-page-tree-wrong-type.pdf");
        MediaStore media = new MediaStore(tmp.resolve("data"));
        SourceFile source = new SourceFile(file, "tage.pdf", "ef56".repeat(16), FileKind.PDF, Files.size(file));
        assertThatThrownBy(() -> new PdfExtractor(media, 500, 50, 150).extract(source))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot read 'tage.pdf' as a PDF: the file is corrupt (");
        assertThat(renderedFiles()).isZero();
    }

    private long renderedFiles() throws IOException {
        Path data = tmp.resolve("data");
        if (!Files.exists(data)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(f -> f.toString().endsWith(".png")).count();
        }
    }
}

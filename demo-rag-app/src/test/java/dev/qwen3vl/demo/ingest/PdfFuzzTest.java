package dev.qwen3vl.demo.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.qwen3vl.demo.media.MediaStore;
import dev.qwen3vl.testing.Mutator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile PDFs: seeded mutations of the demo corpus's PDF and of small generated ones go through
 * {@link PdfExtractor} (PDFBox parsing, text extraction, rendering). Each must give chunks or an
 * {@link IllegalArgumentException}/{@link UncheckedIOException} naming the file as the user sent it, never a
 * server path. Bounded by executions ({@code -Dqwen3vl.fuzz.pdf.executions}, default 1,000).
 */
class PdfFuzzTest {

    static final int EXECUTIONS = Integer.getInteger("qwen3vl.fuzz.pdf.executions", 1_000);
    static final long SEED = Long.getLong("qwen3vl.fuzz.seed", 16);

    @TempDir
    Path tmp;

    @Test
    void mutated_pdfs_give_chunks_or_a_clear_error() throws IOException {
        List<byte[]> seeds = List.of(Files.readAllBytes(Path.of("corpus/ferry-timetable.pdf")), generated(1),
                generated(3));
        Mutator mutator = new Mutator(seeds, SEED);
        // a low resolution keeps each execution cheap; the page limits are tested in HostilePdfTest
        PdfExtractor extractor = new PdfExtractor(new MediaStore(tmp.resolve("data")), 400, 40, 12);
        Path file = tmp.resolve("upload-area").resolve("0f1e2d.bin");
        Files.createDirectories(file.getParent());
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> findings = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            byte[] input = mutator.next();
            Files.write(file, input);
            String name = "report-" + i + ".pdf";
            String outcome;
            try {
                List<TextSegment> chunks = extractor.extract(new SourceFile(file, name, String.format("%064x", i), FileKind.PDF,
                        input.length));
                outcome = chunks.isEmpty() ? "FINDING no chunks and no error" : "extracted";
            } catch (IllegalArgumentException | UncheckedIOException e) {
                outcome = e.getMessage() == null || !e.getMessage().contains("'" + name + "'")
                        || e.getMessage().contains(tmp.toString())
                        ? "FINDING unclear message: " + e.getMessage()
                        : "rejected: " + e.getClass().getSimpleName();
            } catch (RuntimeException | Error e) {
                outcome = "FINDING " + e;
            }
            if (outcome.startsWith("FINDING")) {
                Path saved = Files.createDirectories(Path.of("target", "fuzz-findings"))
                        .resolve("pdf-input-" + i + ".pdf");
                Files.write(saved, input);
                findings.add(name + ": " + outcome + " (saved as " + saved + ")");
                outcome = "FINDING";
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        System.out.printf("fuzz pdf: %d executions, outcomes %s%n", EXECUTIONS, outcomes);
        assertThat(findings).isEmpty();
    }

    private static byte[] generated(int pages) throws IOException {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(new PDRectangle(200, 120));
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(10, 60);
                    content.showText("Ferry page " + (p + 1) + " <b>tide</b>");
                    content.endText();
                    content.addRect(20, 20, 50, 20);
                    content.fill();
                }
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }
}

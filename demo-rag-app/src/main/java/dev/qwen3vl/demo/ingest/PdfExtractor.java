package dev.qwen3vl.demo.ingest;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.qwen3vl.demo.media.MediaStore;
import dev.qwen3vl.demo.media.Thumbnails;
import dev.qwen3vl.langchain4j.Qwen3VlMetadata;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDF with Apache PDFBox: the text of each page, split like plain text when it is long, and each page rendered to a
 * PNG. Every chunk of a page carries the rendered page as its image ({@link Qwen3VlMetadata#IMAGE}), so the models
 * embed and score the page's text together with its picture, and a screenshot of a page finds it.
 */
public final class PdfExtractor implements ChunkExtractor {

    /** Most pages of one PDF: each page is rendered, stored and embedded. */
    public static final int MAX_PAGES = 1_000;
    /** Most pixels of one rendered page (about A1 at 150 dpi); a 200x200 inch page box would need gigabytes. */
    public static final long MAX_PAGE_PIXELS = 25_000_000L;

    private final MediaStore media;
    private final DocumentSplitter splitter;
    private final int dpi;

    /**
     * @param media        where rendered pages and thumbnails go
     * @param chunkSize    most characters per chunk of a page's text
     * @param chunkOverlap characters shared by consecutive chunks of a page
     * @param dpi          resolution of the rendered pages
     */
    public PdfExtractor(MediaStore media, int chunkSize, int chunkOverlap, int dpi) {
        this.media = media;
        this.splitter = DocumentSplitters.recursive(chunkSize, chunkOverlap);
        this.dpi = dpi;
    }

    @Override
    public List<TextSegment> extract(SourceFile file) {
        try (PDDocument pdf = Loader.loadPDF(file.path().toFile())) {
            int pages = pdf.getNumberOfPages();
            if (pages == 0) {
                throw new IllegalArgumentException("'" + file.name() + "' has no pages");
            }
            if (pages > MAX_PAGES) {
                throw new IllegalArgumentException("'" + file.name() + "' has " + pages + " pages; the limit is "
                        + MAX_PAGES + " pages per PDF");
            }
            for (int page = 1; page <= pages; page++) {
                checkPageSize(file, pdf.getPage(page - 1), page);
            }
            PDFRenderer renderer = new PDFRenderer(pdf);
            PDFTextStripper stripper = new PDFTextStripper();
            List<TextSegment> chunks = new ArrayList<>();
            for (int page = 1; page <= pages; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(pdf).strip();
                BufferedImage rendered = renderer.renderImageWithDPI(page - 1, dpi, ImageType.RGB);
                String pageId = file.sha256() + "-p" + page + ".png";
                String thumbId = file.sha256() + "-p" + page + "-thumb.png";
                Path pageFile = media.put(pageId, Thumbnails.encodePng(rendered));
                media.put(thumbId, Thumbnails.png(rendered));
                Metadata metadata = Metadata.from(Qwen3VlMetadata.IMAGE, pageFile.toString())
                        .put(ChunkMetadata.PAGE, page)
                        .put(ChunkMetadata.MEDIA, pageId)
                        .put(ChunkMetadata.THUMBNAIL, thumbId);
                if (text.isEmpty()) {
                    chunks.add(TextSegment.from("Page " + page + " of " + file.name(), metadata.copy()));
                } else {
                    for (TextSegment piece : splitter.split(Document.from(text))) {
                        chunks.add(TextSegment.from(piece.text(), metadata.copy()));
                    }
                }
            }
            return chunks;
        } catch (InvalidPasswordException e) {
            throw new IllegalArgumentException("'" + file.name() + "' is encrypted with a password", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read '" + file.name() + "' as a PDF: " + e.getMessage(), e);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            // PDFBox reports some broken structures (a page tree node of the wrong type) as unchecked exceptions
            throw new IllegalArgumentException("Cannot read '" + file.name() + "' as a PDF: the file is corrupt ("
                    + e.getMessage() + ")", e);
        }
    }

    // the renderer allocates the whole page at once: refuse a page box that would not fit the pixel limit
    private void checkPageSize(SourceFile file, PDPage page, int number) {
        PDRectangle box = page.getCropBox();
        double scale = dpi / 72.0 * page.getUserUnit();
        // as PDFRenderer sizes its image
        double width = Math.max(Math.floor(Math.abs(box.getWidth()) * scale), 1);
        double height = Math.max(Math.floor(Math.abs(box.getHeight()) * scale), 1);
        if (width * height > MAX_PAGE_PIXELS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "'%s' page %d is %.0f x %.0f points, %.0f x %.0f pixels at %d dpi; the limit is %d pixels per"
                            + " rendered page", file.name(), number, box.getWidth(), box.getHeight(), width, height,
                    dpi, MAX_PAGE_PIXELS));
        }
    }
}

package dev.qwen3vl.spark;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * An open PDF (Apache PDFBox, read from disk, not memory): its page count, each page's text and each page rendered
 * to an RGB image on demand.
 */
final class PdfPages implements AutoCloseable {

    private final PDDocument pdf;
    private final PDFRenderer renderer;
    private final PDFTextStripper stripper = new PDFTextStripper();
    private final String name;

    private PdfPages(PDDocument pdf, String name) {
        this.pdf = pdf;
        this.renderer = new PDFRenderer(pdf);
        this.name = name;
    }

    /**
     * @param file the PDF
     * @param name the source's name, for messages
     * @return the open document
     * @throws IllegalArgumentException if it is encrypted, has no pages or cannot be parsed
     */
    static PdfPages open(Path file, String name) {
        PDDocument pdf;
        try {
            pdf = Loader.loadPDF(file.toFile());
        } catch (InvalidPasswordException e) {
            throw new IllegalArgumentException("'" + name + "' is encrypted with a password", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + name + "' cannot be read as a PDF: " + e.getMessage(), e);
        }
        if (pdf.getNumberOfPages() == 0) {
            close(pdf, name);
            throw new IllegalArgumentException("'" + name + "' is a PDF without pages");
        }
        return new PdfPages(pdf, name);
    }

    /** @return the number of pages */
    int pageCount() {
        return pdf.getNumberOfPages();
    }

    /**
     * @param page the page, from 1
     * @return its text, stripped (empty when it has none)
     */
    String text(int page) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        try {
            return stripper.getText(pdf).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the text of page " + page + " of '" + name + "'", e);
        }
    }

    /**
     * @param page the page, from 1
     * @param dpi  the resolution
     * @return the rendered page
     */
    BufferedImage render(int page, int dpi) {
        try {
            return renderer.renderImageWithDPI(page - 1, dpi, ImageType.RGB);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render page " + page + " of '" + name + "'", e);
        }
    }

    @Override
    public void close() {
        close(pdf, name);
    }

    private static void close(PDDocument pdf, String name) {
        try {
            pdf.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close '" + name + "'", e);
        }
    }
}

package dev.qwen3vl.spark;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import dev.qwen3vl.inference.EmbedRequest;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.Qwen3VlEmbedder;
import dev.qwen3vl.inference.VideoInput;
import dev.qwen3vl.input.image.ImageSource;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Real files of every kind the job reads, written into a folder, with what the job should embed for each row: the
 * test's own statement of the rules of {@link SourceDocument}.
 */
final class Corpus {

    /** The job settings the expected contents assume. */
    static final int DIMENSION = 16;
    static final int CHUNK_CHARS = 100;
    static final int PDF_DPI = 36;
    static final String INSTRUCTION = "Represent the document for retrieval.";

    static final String LONG_TEXT = "The first paragraph talks about invoices and totals, and it is long enough to "
            + "fill a chunk.\n\nThe second paragraph is about shipping dates and delivery addresses of the parcels.";

    private final Path folder;
    /** Expected rows: file name + locator → the content the job embeds and the text it stores. */
    private final Map<String, Unit.Content> rows = new LinkedHashMap<>();

    private Corpus(Path folder) {
        this.folder = folder;
    }

    /**
     * Writes text, Markdown, two images, a two-page PDF, a video, a corrupt PNG and an unsupported file.
     *
     * @param folder where
     * @return the corpus
     */
    static Corpus mixed(Path folder) {
        Corpus corpus = new Corpus(folder);
        corpus.text("notes.txt", "Quarterly report: revenue grew by ten percent.");
        corpus.text("long.txt", LONG_TEXT);
        corpus.text("readme.md", "# Title\n\nSome *markdown* text.");
        corpus.png("red.png", Color.RED, 48, 40);
        corpus.png("sub/blue.png", Color.BLUE, 40, 56);
        corpus.pdf("doc.pdf");
        corpus.video("clip.mp4");
        corpus.write("broken.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I'});
        corpus.write("data.xyz", "not embeddable".getBytes(StandardCharsets.UTF_8));
        return corpus;
    }

    /**
     * @param folder where
     * @param count  how many small text files
     * @return a corpus of texts {@code text-000.txt} ...
     */
    static Corpus texts(Path folder, int count) {
        Corpus corpus = new Corpus(folder);
        for (int i = 0; i < count; i++) {
            corpus.text(String.format("text-%03d.txt", i), "Document number " + i + " is about topic " + (i % 7) + ".");
        }
        return corpus;
    }

    /**
     * @param folder where
     * @param texts  how many text files (one or two chunks each)
     * @param images how many PNG images
     * @param pdfs   how many two-page PDFs
     * @param videos how many short videos
     * @return a corpus for benchmarks
     */
    static Corpus of(Path folder, int texts, int images, int pdfs, int videos) {
        Corpus corpus = new Corpus(folder);
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.ORANGE, Color.MAGENTA};
        for (int i = 0; i < texts; i++) {
            corpus.text(String.format("text-%04d.txt", i), i % 2 == 0 ? "Document " + i + ". " + LONG_TEXT
                    : "Document number " + i + " is about topic " + (i % 7) + ".");
        }
        for (int i = 0; i < images; i++) {
            corpus.png(String.format("image-%04d.png", i), colours[i % colours.length], 96 + i % 5 * 8, 72);
        }
        for (int i = 0; i < pdfs; i++) {
            corpus.pdf(String.format("doc-%03d.pdf", i));
        }
        for (int i = 0; i < videos; i++) {
            corpus.video(String.format("clip-%02d.mp4", i));
        }
        return corpus;
    }

    /** @return the folder */
    Path folder() {
        return folder;
    }

    /** @return the folder as the URI the job lists */
    String uri() {
        return folder.toUri().toString();
    }

    /** @return the expected rows, keyed by file name and locator, e.g. {@code doc.pdf#page=2} */
    Map<String, Unit.Content> rows() {
        return rows;
    }

    /**
     * @param embedder the model, loaded directly
     * @param row      a key of {@link #rows()}
     * @return the vector {@link Qwen3VlEmbedder} gives for that row
     */
    float[] expectedVector(Qwen3VlEmbedder embedder, String row) {
        return embedder.embed(new EmbedRequest(rows.get(row).embedded(), INSTRUCTION, DIMENSION)).vector();
    }

    private void text(String name, String content) {
        write(name, content.getBytes(StandardCharsets.UTF_8));
        List<String> chunks = TextChunker.chunks(content, CHUNK_CHARS);
        for (int i = 0; i < chunks.size(); i++) {
            rows.put(name + "#chunk=" + i, new Unit.Content(chunks.get(i), MultimodalContent.text(chunks.get(i))));
        }
    }

    private void png(String name, Color colour, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(colour);
        g.fillOval(4, 4, width - 8, height - 8);
        g.dispose();
        Path file = folder.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = file.getFileName().toString();
        String caption = "Image " + base;
        rows.put(base + "#whole", new Unit.Content(caption,
                MultimodalContent.builder().image(ImageSource.ofPath(file)).text(caption).build()));
    }

    private void pdf(String name) {
        Path file = folder.resolve(name);
        try (PDDocument pdf = new PDDocument()) {
            PDPage first = new PDPage(PDRectangle.A6);
            pdf.addPage(first);
            try (PDPageContentStream text = new PDPageContentStream(pdf, first)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                text.newLineAtOffset(20, 300);
                text.showText("Invoice total 42 EUR");
                text.endText();
            }
            pdf.addPage(new PDPage(PDRectangle.A6));
            pdf.save(file.toFile());
            PDFRenderer renderer = new PDFRenderer(pdf);
            String[] texts = {"Invoice total 42 EUR", "Page 2 of " + name};
            for (int page = 1; page <= 2; page++) {
                BufferedImage rendered = renderer.renderImageWithDPI(page - 1, PDF_DPI, ImageType.RGB);
                rows.put(name + "#page=" + page, new Unit.Content(texts[page - 1], MultimodalContent.builder()
                        .image(ImageSource.of(rendered, name)).text(texts[page - 1]).build()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void video(String name) {
        Path file = folder.resolve(name);
        int size = 32;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), size, size, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(2);
            recorder.setVideoQuality(2);
            recorder.start();
            Frame frame = new Frame(size, size, Frame.DEPTH_UBYTE, 3);
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            for (int i = 0; i < 8; i++) {
                for (int p = 0; p < frame.imageStride * size; p++) {
                    pixels.put(p, (byte) (40 + 25 * i + p % 3 * 60));
                }
                recorder.record(frame, AV_PIX_FMT_RGB24);
            }
            recorder.stop();
        } catch (org.bytedeco.javacv.FrameRecorder.Exception e) {
            throw new IllegalStateException("Cannot write the test video " + file, e);
        }
        String caption = "Video " + name;
        rows.put(name + "#whole", new Unit.Content(caption,
                MultimodalContent.builder().video(VideoInput.ofFile(file)).text(caption).build()));
    }

    private void write(String name, byte[] content) {
        Path file = folder.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

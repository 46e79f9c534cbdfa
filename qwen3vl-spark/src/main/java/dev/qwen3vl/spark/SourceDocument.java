package dev.qwen3vl.spark;

import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.VideoInput;
import dev.qwen3vl.input.image.ImageSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A source opened on the executor: its content hash and the {@link Unit}s it becomes.
 *
 * <ul>
 *   <li>Text and Markdown: chunks of at most {@code --chunk-chars} characters ({@link TextChunker}).</li>
 *   <li>PDF: a row per page, the page rendered at {@code --pdf-dpi} with its text (cut to {@code --chunk-chars}), or
 *       {@code Page N of NAME} when the page has no text.</li>
 *   <li>Image, video: one row, the picture or clip with the caption {@code Image NAME} / {@code Video NAME}.</li>
 * </ul>
 *
 * A text that comes with a file in a table replaces the caption of an image or video, and precedes each chunk or
 * page text. The text stored with a row is always the text embedded with it, as the LangChain4j adapter embeds a text
 * segment with its image or video.
 */
final class SourceDocument implements AutoCloseable {

    private final SourceRef ref;
    private final SourceKind kind;
    private final String sha256;
    private final long bytes;
    private final List<Unit> units;
    private final LocalCopy copy;
    private final PdfPages pdf;

    private SourceDocument(SourceRef ref, SourceKind kind, String sha256, long bytes, List<Unit> units,
            LocalCopy copy, PdfPages pdf) {
        this.ref = ref;
        this.kind = kind;
        this.sha256 = sha256;
        this.bytes = bytes;
        this.units = units;
        this.copy = copy;
        this.pdf = pdf;
    }

    /**
     * Reads and hashes a source and lists its rows; PDF pages are not rendered yet.
     *
     * @param ref      the source
     * @param settings the job's settings
     * @param hadoop   the Hadoop configuration to open files with
     * @return the open document; close it
     * @throws RuntimeException with the reason when the source cannot be embedded (too large, unsupported,
     *                          unreadable, corrupt, empty)
     */
    static SourceDocument open(SourceRef ref, EmbedSettings settings, Configuration hadoop) {
        if (ref.path() == null) {
            List<Unit> units = textUnits(ref.text(), null, settings.chunkChars(), ref.source());
            return new SourceDocument(ref, SourceKind.TEXT, LocalCopy.sha256(ref.text()),
                    ref.text().getBytes(StandardCharsets.UTF_8).length, units, null, null);
        }
        SourceKind kind = SourceKind.of(ref.path());
        if (ref.length() != null && ref.length() > settings.maxFileBytes()) {
            throw new IllegalArgumentException("The file has " + ref.length() + " bytes, more than --max-file-bytes "
                    + settings.maxFileBytes());
        }
        LocalCopy copy = LocalCopy.fetch(ref.path(), settings.maxFileBytes(), hadoop);
        PdfPages pdf = null;
        try {
            kind.checkHead(copy.head());
            String caption = ref.text();
            List<Unit> units = switch (kind) {
                case TEXT, MARKDOWN -> textUnits(readUtf8(copy.path()), caption, settings.chunkChars(), ref.source());
                case PDF -> {
                    pdf = PdfPages.open(copy.path(), ref.name());
                    yield pageUnits(pdf, caption, ref.name(), settings);
                }
                case IMAGE -> List.of(whole(caption != null ? caption : "Image " + ref.name(),
                        b -> b.image(ImageSource.ofPath(copy.path()))));
                case VIDEO -> List.of(whole(caption != null ? caption : "Video " + ref.name(),
                        b -> b.video(VideoInput.ofFile(copy.path()))));
            };
            return new SourceDocument(ref, kind, copy.sha256(), copy.bytes(), units, copy, pdf);
        } catch (RuntimeException e) {
            if (pdf != null) {
                pdf.close();
            }
            copy.close();
            throw e;
        }
    }

    private static List<Unit> textUnits(String text, String caption, int chunkChars, String source) {
        List<String> chunks = TextChunker.chunks(text, chunkChars);
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("'" + source + "' has no text");
        }
        List<Unit> units = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            String rowText = withCaption(caption, chunks.get(i));
            units.add(new Unit("chunk=" + i, i, null,
                    () -> new Unit.Content(rowText, MultimodalContent.text(rowText))));
        }
        return units;
    }

    private static List<Unit> pageUnits(PdfPages pdf, String caption, String name, EmbedSettings settings) {
        List<Unit> units = new ArrayList<>(pdf.pageCount());
        for (int page = 1; page <= pdf.pageCount(); page++) {
            int p = page;
            units.add(new Unit("page=" + page, page - 1, page, () -> {
                String text = pdf.text(p);
                text = text.isEmpty() ? "Page " + p + " of " + name
                        : text.substring(0, Math.min(text.length(), settings.chunkChars()));
                String rowText = withCaption(caption, text);
                return new Unit.Content(rowText, MultimodalContent.builder()
                        .image(ImageSource.of(pdf.render(p, settings.pdfDpi()), name + " page " + p))
                        .text(rowText).build());
            }));
        }
        return units;
    }

    private static Unit whole(String text, java.util.function.Consumer<MultimodalContent.Builder> visual) {
        return new Unit("whole", 0, null, () -> {
            MultimodalContent.Builder content = MultimodalContent.builder();
            visual.accept(content);
            return new Unit.Content(text, content.text(text).build());
        });
    }

    private static String withCaption(String caption, String text) {
        return caption == null || caption.isBlank() ? text : caption.strip() + "\n\n" + text;
    }

    private static String readUtf8(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The file is not UTF-8 text (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** @return the source */
    SourceRef ref() {
        return ref;
    }

    /** @return its kind */
    SourceKind kind() {
        return kind;
    }

    /** @return the hex SHA-256 of the file, or of the text for a text alone */
    String sha256() {
        return sha256;
    }

    /** @return the bytes read */
    long bytes() {
        return bytes;
    }

    /** @return its rows to be, in order */
    List<Unit> units() {
        return units;
    }

    /**
     * @return the local file when it is the source file itself, for the {@code qwen3vl.image}/{@code qwen3vl.video}
     *         metadata that lets a reranker load it; {@code null} for a temporary copy or a text
     */
    Path localSourceFile() {
        return copy != null && !copy.isCopy() ? copy.path() : null;
    }

    /** Closes the PDF and deletes a temporary copy. */
    @Override
    public void close() {
        try {
            if (pdf != null) {
                pdf.close();
            }
        } finally {
            if (copy != null) {
                copy.close();
            }
        }
    }
}

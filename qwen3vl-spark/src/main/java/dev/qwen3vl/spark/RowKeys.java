package dev.qwen3vl.spark;

import java.io.Serializable;

/**
 * Content-hash row keys: the hex SHA-256 of what determines a row's vector, namely the model id, the dimension, the
 * instruction, the settings that shape the source's rows (the chunk size for texts and PDFs, the rendering
 * resolution for PDFs), the source's content hash, the text that came with it from a table, and the row's place in
 * the source. The same content embedded the same way gets the same key wherever the
 * file lies and however often the job runs; so every write is an idempotent insert, and a row already stored is
 * recognised before it is embedded. The compute type is not part of the key: it changes a vector's last digits, not
 * what it represents.
 */
final class RowKeys implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Bump when the meaning of a key changes (different chunking, rendering or prompt). */
    private static final String VERSION = "qwen3vl-spark/1";

    private final String space;
    private final int chunkChars;
    private final int pdfDpi;

    /**
     * @param settings the job's settings
     */
    RowKeys(EmbedSettings settings) {
        this.space = LocalCopy.sha256(String.join("\n", VERSION, "model=" + settings.modelId(),
                "dimension=" + settings.dimension(),
                "instruction=" + (settings.instruction() == null ? "" : settings.instruction())));
        this.chunkChars = settings.chunkChars();
        this.pdfDpi = settings.pdfDpi();
    }

    /**
     * @param document the source, opened
     * @param unit     one of its rows
     * @return the row's key
     */
    String id(SourceDocument document, Unit unit) {
        String caption = document.ref().path() != null && document.ref().text() != null
                ? LocalCopy.sha256(document.ref().text()) : "";
        String shape = switch (document.kind()) {
            case TEXT, MARKDOWN -> "chunk-chars=" + chunkChars;
            case PDF -> "chunk-chars=" + chunkChars + ",pdf-dpi=" + pdfDpi;
            case IMAGE, VIDEO -> "";
        };
        return LocalCopy.sha256(String.join("\n", space, shape, document.sha256(), caption, unit.locator()));
    }
}

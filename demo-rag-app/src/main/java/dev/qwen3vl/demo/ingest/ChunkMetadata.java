package dev.qwen3vl.demo.ingest;

/**
 * Metadata keys of the stored chunks (besides {@link dev.qwen3vl.langchain4j.Qwen3VlMetadata#IMAGE} and
 * {@link dev.qwen3vl.langchain4j.Qwen3VlMetadata#VIDEO}, which make the models embed and score a chunk together
 * with its picture or clip).
 */
public final class ChunkMetadata {

    /** The source file's name. */
    public static final String SOURCE = "source";
    /** The hex SHA-256 of the source file: the document's identity. */
    public static final String DOCUMENT = "document_sha256";
    /** The {@link FileKind} of the source, lower case. */
    public static final String KIND = "kind";
    /** The chunk's position in its document, from 0. */
    public static final String CHUNK = "chunk";
    /** The PDF page, from 1. */
    public static final String PAGE = "page";
    /** Media id of the chunk's thumbnail ({@code GET /api/media/{id}}). */
    public static final String THUMBNAIL = "thumbnail";
    /** Media id of the chunk's full-size image or video. */
    public static final String MEDIA = "media";

    private ChunkMetadata() {
    }
}

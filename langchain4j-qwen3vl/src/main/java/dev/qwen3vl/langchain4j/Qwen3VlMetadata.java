package dev.qwen3vl.langchain4j;

/**
 * {@link dev.langchain4j.data.segment.TextSegment} metadata keys that attach an image or a video to a segment,
 * so that stock LangChain4j pipelines ({@code EmbeddingStoreIngestor.embedAll}, {@code ReRankingContentAggregator})
 * embed and score the segment together with its picture or clip.
 */
public final class Qwen3VlMetadata {

    /**
     * An image for the segment: a file path, a {@code file:} URI, a {@code data:image/…;base64,…} URI, or an
     * http(s) URL (fetched only when URL fetching is enabled in the image limits).
     */
    public static final String IMAGE = "qwen3vl.image";

    /** A video file for the segment: a path or a {@code file:} URI. */
    public static final String VIDEO = "qwen3vl.video";

    private Qwen3VlMetadata() {}
}

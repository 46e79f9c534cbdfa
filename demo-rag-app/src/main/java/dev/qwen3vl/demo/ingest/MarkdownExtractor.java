package dev.qwen3vl.demo.ingest;

import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentByParagraphSplitter;
import dev.langchain4j.data.document.splitter.DocumentByRegexSplitter;
import dev.langchain4j.data.segment.TextSegment;
import java.util.List;

/**
 * Markdown: split before headings ({@code #} to {@code ######}) with LangChain4j's regex splitter, so that a chunk
 * starts with its section's heading where it can; sections are merged up to the chunk size and longer ones split by
 * paragraphs (then lines, sentences, words).
 */
public final class MarkdownExtractor implements ChunkExtractor {

    private static final String BEFORE_HEADING = "(?m)(?=^#{1,6}\\s)";

    private final DocumentSplitter splitter;

    /**
     * @param chunkSize    most characters per chunk
     * @param chunkOverlap characters shared by consecutive chunks of one long section
     */
    public MarkdownExtractor(int chunkSize, int chunkOverlap) {
        this.splitter = new DocumentByRegexSplitter(BEFORE_HEADING, "\n", chunkSize, 0,
                new DocumentByParagraphSplitter(chunkSize, chunkOverlap));
    }

    @Override
    public List<TextSegment> extract(SourceFile file) {
        return TextExtractor.split(splitter, file);
    }
}

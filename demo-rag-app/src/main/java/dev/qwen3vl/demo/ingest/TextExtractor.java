package dev.qwen3vl.demo.ingest;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Plain text: LangChain4j's recursive splitter (paragraphs, then lines, sentences, words). */
public final class TextExtractor implements ChunkExtractor {

    private final DocumentSplitter splitter;

    /**
     * @param chunkSize    most characters per chunk
     * @param chunkOverlap characters shared by consecutive chunks
     */
    public TextExtractor(int chunkSize, int chunkOverlap) {
        this.splitter = DocumentSplitters.recursive(chunkSize, chunkOverlap);
    }

    @Override
    public List<TextSegment> extract(SourceFile file) {
        return split(splitter, file);
    }

    /** Reads a UTF-8 file and splits it; the chunks have no metadata of their own. */
    static List<TextSegment> split(DocumentSplitter splitter, SourceFile file) {
        String text;
        try {
            text = Files.readString(file.path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.name(), e);
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("'" + file.name() + "' has no text");
        }
        return splitter.split(Document.from(text)).stream().map(s -> TextSegment.from(s.text())).toList();
    }
}

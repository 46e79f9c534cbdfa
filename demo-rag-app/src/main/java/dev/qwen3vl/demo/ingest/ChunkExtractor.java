package dev.qwen3vl.demo.ingest;

import dev.langchain4j.data.segment.TextSegment;
import java.util.List;

/** Turns one source file into the chunks that are embedded and stored. */
public interface ChunkExtractor {

    /**
     * Extracts the chunks of a file, with their metadata (page, thumbnail, image or video; the ingestion adds source,
     * document hash, kind and chunk number). Media files they refer to are written to the media store.
     *
     * @param file the file
     * @return its chunks in document order, at least one
     * @throws IllegalArgumentException if the file's content cannot be read as its kind
     */
    List<TextSegment> extract(SourceFile file);
}

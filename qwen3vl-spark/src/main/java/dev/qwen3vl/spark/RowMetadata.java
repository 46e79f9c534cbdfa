package dev.qwen3vl.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata JSON stored with a row, with the keys the demo application uses, so that its filters, citations and
 * document removal work on rows this job wrote.
 *
 * <ul>
 *   <li>{@code source}: the file URI, or {@code text:<sha256>} for a text from a table;</li>
 *   <li>{@code document_sha256}: the hex SHA-256 of the source's content;</li>
 *   <li>{@code kind}: {@code text}, {@code markdown}, {@code pdf}, {@code image} or {@code video};</li>
 *   <li>{@code chunk}: the row's position in its source, from 0; {@code page}: the PDF page, from 1;</li>
 *   <li>{@code qwen3vl.image} / {@code qwen3vl.video}: the local file of an image or video listed from a local file
 *       system, which the LangChain4j adapter loads to embed or rerank the row with its picture or clip.</li>
 * </ul>
 */
final class RowMetadata {

    /** The metadata key of the source. */
    static final String SOURCE = "source";
    /** The metadata key of the content hash. */
    static final String DOCUMENT = "document_sha256";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RowMetadata() {
    }

    /**
     * @param document the source, opened
     * @param unit     one of its rows
     * @return the JSON object
     */
    static String json(SourceDocument document, Unit unit) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(SOURCE, document.ref().source());
        values.put(DOCUMENT, document.sha256());
        values.put("kind", document.kind().label());
        values.put("chunk", unit.index());
        if (unit.page() != null) {
            values.put("page", unit.page());
        }
        if (document.localSourceFile() != null && document.kind() == SourceKind.IMAGE) {
            values.put("qwen3vl.image", document.localSourceFile().toString());
        }
        if (document.localSourceFile() != null && document.kind() == SourceKind.VIDEO) {
            values.put("qwen3vl.video", document.localSourceFile().toString());
        }
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write metadata " + values, e);
        }
    }
}

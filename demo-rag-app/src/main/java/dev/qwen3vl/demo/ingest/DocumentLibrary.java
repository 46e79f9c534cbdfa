package dev.qwen3vl.demo.ingest;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

import dev.qwen3vl.demo.media.MediaStore;
import dev.qwen3vl.demo.store.ChunkStore;
import dev.qwen3vl.demo.store.IngestedDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingested documents as the user manages them: list, delete, re-index one, re-index all (after a change of the
 * embedding model or of the chunking settings).
 */
@ApplicationScoped
public class DocumentLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentLibrary.class);

    /**
     * What a deletion removed.
     *
     * @param sha256 the document
     * @param source its file name
     * @param chunks chunks removed from the store
     * @param files  files removed from the data folder (media, the upload)
     */
    public record Deletion(String sha256, String source, int chunks, int files) {
    }

    private final ChunkStore chunks;
    private final IngestionService ingestion;
    private final MediaStore media;

    /**
     * @param chunks    the store
     * @param ingestion the ingestion queue
     * @param media     the data folder
     */
    @Inject
    public DocumentLibrary(ChunkStore chunks, IngestionService ingestion, MediaStore media) {
        this.chunks = chunks;
        this.ingestion = ingestion;
        this.media = media;
    }

    /** The ingested documents, most recent first. */
    public List<IngestedDocument> list() {
        return chunks.registry().list();
    }

    /**
     * Deletes a document: its chunks, then its record (remembering that it was deleted, so that the ingestion folder
     * does not bring it back), then its files. Each step can be repeated: a deletion interrupted half way is finished
     * by deleting again.
     *
     * @param sha256 the document's hash
     * @return what was removed, or empty if there is no such document
     */
    public Optional<Deletion> delete(String sha256) {
        Optional<IngestedDocument> found = chunks.registry().find(sha256);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IngestedDocument document = found.get();
        Deletion deletion = chunks.exclusively(() -> {
            chunks.store().removeAll(metadataKey(ChunkMetadata.DOCUMENT).isEqualTo(sha256));
            chunks.registry().delete(document);
            return new Deletion(sha256, document.source(), document.chunks(), media.deleteDocument(sha256));
        });
        LOG.info("Deleted {} ({}): {} chunk(s), {} file(s)", document.source(), sha256, deletion.chunks(),
                deletion.files());
        return Optional.of(deletion);
    }

    /**
     * Queues a document to be extracted, embedded and stored again from its file.
     *
     * @param sha256 the document's hash
     * @return its job, or empty if there is no such document
     * @throws IllegalStateException if its file is not known or gone
     */
    public Optional<IngestionJob> reindex(String sha256) {
        return chunks.registry().find(sha256).map(ingestion::submitReindex);
    }

    /**
     * Re-indexes every document with the configured embedding model: empties the tables (a chunk table of another
     * model is created again for this one) and queues the ingestion folder and the stored uploads, as at startup.
     * Deleted documents stay deleted.
     */
    public void reindexAll() {
        chunks.reset();
        ingestion.submitAll();
    }
}

package dev.qwen3vl.demo.store;

import dev.qwen3vl.demo.config.DemoConfig;
import dev.qwen3vl.langchain4j.Qwen3VlEmbeddingModel;
import dev.qwen3vl.pgvector.ModelMismatchException;
import dev.qwen3vl.pgvector.PgHalfvecEmbeddingStore;
import dev.qwen3vl.pgvector.PgHalfvecStoreException;
import dev.qwen3vl.pgvector.VectorStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pgvector tables of the demo, opened on first use: the chunks ({@code <prefix>_<dimension>}, halfvec with an
 * HNSW cosine index, metadata as JSONB, and for hybrid search a full-text column) and the ingested documents
 * ({@code <prefix>_<dimension>_documents}). The dimension is the embedding model's, so the first use waits until the
 * model is loaded. The chunk table records the embedding model (id, dimension, dtype): opened for another model it
 * refuses with {@link ModelMismatchException} until {@link #reset()} re-indexes. While the database is unreachable
 * every use fails with {@link DatabaseUnavailableException} and the next one tries again.
 */
@ApplicationScoped
public class ChunkStore {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkStore.class);
    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,24}");

    /** The opened tables. */
    private record Tables(PgHalfvecEmbeddingStore store, DocumentRegistry registry, String table) {
    }

    private final DataSource dataSource;
    private final Instance<Qwen3VlEmbeddingModel> embeddingModel;
    private final EmbeddingDtype dtype;
    private final DemoConfig config;
    private final ReentrantLock writes = new ReentrantLock();
    private volatile Tables tables;

    /**
     * @param dataSource     the application's datasource
     * @param embeddingModel the embedding model, whose name and dimension the table records (looked up on first use)
     * @param dtype          the compute type of the embeddings
     * @param config         table prefix and search settings
     */
    @Inject
    public ChunkStore(DataSource dataSource, Instance<Qwen3VlEmbeddingModel> embeddingModel, EmbeddingDtype dtype,
                      DemoConfig config) {
        this.dataSource = dataSource;
        this.embeddingModel = embeddingModel;
        this.dtype = dtype;
        this.config = config;
    }

    /** The embedding store of the chunks. */
    public PgHalfvecEmbeddingStore store() {
        return tables().store();
    }

    /** The table of ingested documents. */
    public DocumentRegistry registry() {
        return tables().registry();
    }

    /** The name of the chunk table. */
    public String table() {
        return tables().table();
    }

    /**
     * Runs a change of documents (storing, deleting, re-indexing) while no other such change runs, so that a
     * document deleted while it was being ingested stays deleted.
     *
     * @param change the change
     * @param <T>    its result type
     * @return its result
     */
    public <T> T exclusively(Supplier<T> change) {
        writes.lock();
        try {
            return change.get();
        } finally {
            writes.unlock();
        }
    }

    /**
     * Empties the tables for a re-index with the configured embedding model: the document records first (so that an
     * interrupted reset re-ingests everything at the next start), then the chunks; a chunk table of another model is
     * dropped and created again for the configured one.
     */
    public void reset() {
        exclusively(() -> {
            synchronized (this) {
                Naming naming = naming();
                DocumentRegistry registry = openRegistry(naming);
                registry.clear();
                Tables t = open(naming, registry, true);
                t.store().removeAll();
                tables = t;
                LOG.info("Emptied {} and {} for a re-index with {}", t.table(), registry.table(), embeddingModel.get()
                        .modelName());
            }
            return null;
        });
    }

    private Tables tables() {
        Tables t = tables;
        if (t == null) {
            synchronized (this) {
                t = tables;
                if (t == null) {
                    Naming naming = naming();
                    t = open(naming, openRegistry(naming), false);
                    tables = t;
                }
            }
        }
        return t;
    }

    /** The table names, from the prefix and the embedding model's dimension. */
    private record Naming(String table, int dimension) {
    }

    private Naming naming() {
        String prefix = config.store().tablePrefix();
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalStateException("demo.store.table-prefix='" + prefix + "' must match " + PREFIX.pattern());
        }
        int dimension = embeddingModel.get().dimension();
        return new Naming(prefix + "_" + dimension, dimension);
    }

    private DocumentRegistry openRegistry(Naming naming) {
        try {
            return new DocumentRegistry(dataSource, naming.table() + "_documents");
        } catch (SQLException e) {
            throw failure(naming, e);
        }
    }

    private Tables open(Naming naming, DocumentRegistry registry, boolean clearOnModelChange) {
        Qwen3VlEmbeddingModel model = embeddingModel.get();
        try {
            PgHalfvecEmbeddingStore store = PgHalfvecEmbeddingStore.builder()
                    .dataSource(dataSource)
                    .table(naming.table())
                    .dimension(naming.dimension())
                    .storage(VectorStorage.HALFVEC)
                    .efSearch(config.store().efSearch())
                    .createExtension(config.store().createExtension())
                    .searchMode(config.store().searchMode())
                    .textSearchConfig(config.store().textSearchConfig())
                    .embeddingModel(modelId(model.modelName()), dtype.name())
                    .clearOnModelChange(clearOnModelChange)
                    .build();
            LOG.info("Chunks of {} are stored in table {} (halfvec({}) with an HNSW cosine index, {} search),"
                    + " documents in {}", model.modelName(), naming.table(), naming.dimension(),
                    config.store().searchMode(), registry.table());
            return new Tables(store, registry, naming.table());
        } catch (ModelMismatchException e) {
            throw e;
        } catch (PgHalfvecStoreException e) {
            throw failure(naming, e);
        }
    }

    /** The hub id as configured, or for a folder its normalized absolute path. */
    private static String modelId(String reference) {
        Path folder = Path.of(reference);
        return Files.isDirectory(folder) ? folder.toAbsolutePath().normalize().toString() : reference;
    }

    private static RuntimeException failure(Naming naming, Exception e) {
        return TransientFailures.failed("open the tables " + naming.table() + " and " + naming.table()
                + "_documents", e);
    }
}

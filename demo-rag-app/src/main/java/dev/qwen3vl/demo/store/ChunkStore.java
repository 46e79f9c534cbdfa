package dev.qwen3vl.demo.store;

import dev.qwen3vl.demo.config.DemoConfig;
import dev.qwen3vl.langchain4j.Qwen3VlEmbeddingModel;
import dev.qwen3vl.pgvector.PgHalfvecEmbeddingStore;
import dev.qwen3vl.pgvector.PgHalfvecStoreException;
import dev.qwen3vl.pgvector.VectorStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pgvector tables of the demo, opened on first use: the chunks ({@code <prefix>_<dimension>}, halfvec with an
 * HNSW cosine index, metadata as JSONB) and the ingested documents ({@code <prefix>_<dimension>_documents}). The
 * dimension is the embedding model's, so the first use waits until the model is loaded. While the database is
 * unreachable every use fails with {@link DatabaseUnavailableException} and the next one tries again.
 */
@ApplicationScoped
public class ChunkStore {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkStore.class);
    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,24}");

    /** The opened tables. */
    private record Tables(PgHalfvecEmbeddingStore store, DocumentRegistry registry, String table, int dimension) {
    }

    private final DataSource dataSource;
    private final Instance<Qwen3VlEmbeddingModel> embeddingModel;
    private final DemoConfig config;
    private volatile Tables tables;

    /**
     * @param dataSource     the application's datasource
     * @param embeddingModel the embedding model, whose dimension the table gets (looked up on first use)
     * @param config         table prefix and search settings
     */
    @Inject
    public ChunkStore(DataSource dataSource, Instance<Qwen3VlEmbeddingModel> embeddingModel, DemoConfig config) {
        this.dataSource = dataSource;
        this.embeddingModel = embeddingModel;
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

    /** The dimension of the stored embeddings. */
    public int dimension() {
        return tables().dimension();
    }

    private Tables tables() {
        Tables t = tables;
        if (t == null) {
            synchronized (this) {
                t = tables;
                if (t == null) {
                    t = open();
                    tables = t;
                }
            }
        }
        return t;
    }

    private Tables open() {
        String prefix = config.store().tablePrefix();
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalStateException("demo.store.table-prefix='" + prefix + "' must match " + PREFIX.pattern());
        }
        int dimension = embeddingModel.get().dimension();
        String table = prefix + "_" + dimension;
        try {
            PgHalfvecEmbeddingStore store = PgHalfvecEmbeddingStore.builder()
                    .dataSource(dataSource)
                    .table(table)
                    .dimension(dimension)
                    .storage(VectorStorage.HALFVEC)
                    .efSearch(config.store().efSearch())
                    .createExtension(config.store().createExtension())
                    .build();
            DocumentRegistry registry = new DocumentRegistry(dataSource, table + "_documents");
            LOG.info("Chunks are stored in table {} (halfvec({}) with an HNSW cosine index), documents in {}", table,
                    dimension, registry.table());
            return new Tables(store, registry, table, dimension);
        } catch (PgHalfvecStoreException | SQLException e) {
            String message = "Cannot open the tables " + table + " and " + table + "_documents: " + e.getMessage();
            if (TransientFailures.isTransient(e)) {
                throw new DatabaseUnavailableException(message, e);
            }
            throw new IllegalStateException(message, e);
        }
    }
}

package dev.qwen3vl.pgvector;

import com.pgvector.PGbit;
import com.pgvector.PGhalfvec;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A LangChain4j {@link EmbeddingStore} on PostgreSQL with pgvector 0.8 that stores embeddings as {@code halfvec}
 * (or int8 codes) and indexes them with HNSW, so that it serves embeddings of up to 16000 dimensions, e.g. the 2048-
 * and 4096-dimensional Qwen3-VL embeddings that pgvector cannot index as {@code vector}.
 *
 * <ul>
 *   <li>Ranking is by cosine similarity; the score is LangChain4j's relevance score {@code (1 + cosine) / 2}.</li>
 *   <li>{@link VectorStorage#HALFVEC} (default): HNSW on the halfvec column up to 4000 dimensions; above, and in
 *       {@link VectorStorage#BINARY} mode, HNSW on {@code binary_quantize(embedding)} takes
 *       {@code maxResults * rescoreFactor} candidates that are re-ranked by exact cosine distance on the halfvec.
 *       {@link VectorStorage#INT8} stores int8 codes instead and re-ranks on them.</li>
 *   <li>Metadata is a JSONB column with a GIN index; LangChain4j {@link Filter}s become parameterised SQL.</li>
 *   <li>Every batch is written in one transaction: all rows or none. Adding an id that exists fails.</li>
 *   <li>{@code hnsw.ef_search} is set per query, for its transaction only.</li>
 *   <li>{@link SearchMode#HYBRID}: a request with query text ({@link EmbeddingSearchRequest#query()}) is ranked by
 *       full-text search (a generated {@code tsvector} column with a GIN index) and by vector search, and the two
 *       rankings are fused by reciprocal rank; the score is then the fused score in [0, 1]. A request without query
 *       text is a plain vector search.</li>
 *   <li>With {@link Builder#embeddingModel(String, String)}, the table records the model id, dimension and dtype of
 *       its embeddings, and a store configured for another model is refused with both in the message
 *       ({@link ModelMismatchException}), unless built with {@link Builder#clearOnModelChange(boolean)}.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; every operation takes a connection from the {@link DataSource} and
 * closes it before returning.
 */
public final class PgHalfvecEmbeddingStore implements EmbeddingStore<TextSegment> {

    private static final int INSERT_BATCH_SIZE = 500;
    /** In a hybrid search each ranking contributes this many rows per requested result. */
    private static final int HYBRID_CANDIDATES_PER_RESULT = 2;

    private final DataSource dataSource;
    private final TableLayout layout;
    private final int efSearch;
    private final int rescoreFactor;
    private final SearchMode searchMode;
    private final int rrfK;

    private PgHalfvecEmbeddingStore(Builder builder) {
        if (builder.dataSource == null) {
            throw new IllegalArgumentException("dataSource is required");
        }
        if (builder.dimension == null) {
            throw new IllegalArgumentException("dimension is required");
        }
        if (builder.efSearch < 1 || builder.efSearch > Searcher.MAX_EF_SEARCH) {
            throw new IllegalArgumentException("efSearch must be between 1 and " + Searcher.MAX_EF_SEARCH
                    + ", but is " + builder.efSearch);
        }
        if (builder.rescoreFactor < 1) {
            throw new IllegalArgumentException("rescoreFactor must be at least 1, but is " + builder.rescoreFactor);
        }
        if (builder.searchMode == null) {
            throw new IllegalArgumentException("searchMode cannot be null");
        }
        if (builder.rrfK < 1) {
            throw new IllegalArgumentException("rrfK must be at least 1, but is " + builder.rrfK);
        }
        this.dataSource = builder.dataSource;
        TableLayout table = TableLayout.of(builder.table, builder.dimension, builder.storage, builder.hnswM,
                builder.efConstruction);
        this.layout = builder.searchMode == SearchMode.HYBRID ? table.withTextSearch(builder.textSearchConfig) : table;
        this.efSearch = builder.efSearch;
        this.rescoreFactor = builder.rescoreFactor;
        this.searchMode = builder.searchMode;
        this.rrfK = builder.rrfK;
        ModelSignature model = builder.modelId == null && builder.dtype == null ? null
                : new ModelSignature(builder.modelId, builder.dimension, builder.dtype);
        try {
            TableSetup.prepare(dataSource, layout, new TableSetup.Options(builder.createTable, builder.createExtension,
                    model, builder.clearOnModelChange));
        } catch (SQLException e) {
            throw new PgHalfvecStoreException("Could not prepare table '" + layout.displayName() + "': "
                    + Jdbc.describe(e), e);
        }
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds an embedding under a new random UUID.
     *
     * @param embedding the embedding
     * @return its id
     */
    @Override
    public String add(Embedding embedding) {
        String id = UUID.randomUUID().toString();
        add(id, embedding);
        return id;
    }

    /**
     * Adds an embedding under a given id.
     *
     * @param id        the id, not blank and not yet in the table
     * @param embedding the embedding
     */
    @Override
    public void add(String id, Embedding embedding) {
        addAll(List.of(id), List.of(embedding), null);
    }

    /**
     * Adds an embedding with the text segment it was computed from, under a new random UUID.
     *
     * @param embedding   the embedding
     * @param textSegment the segment (text and metadata), or {@code null}
     * @return its id
     */
    @Override
    public String add(Embedding embedding, TextSegment textSegment) {
        String id = UUID.randomUUID().toString();
        addAll(List.of(id), List.of(embedding), Collections.singletonList(textSegment));
        return id;
    }

    /**
     * Adds embeddings under new random UUIDs, in one transaction.
     *
     * @param embeddings the embeddings
     * @return their ids, in order
     */
    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        if (embeddings == null) {
            throw new IllegalArgumentException("embeddings cannot be null");
        }
        List<String> ids = generateIds(embeddings.size());
        addAll(ids, embeddings, null);
        return ids;
    }

    /**
     * Adds embeddings with ids and segments in one transaction: either all rows are stored or, if any row fails
     * (invalid vector, an id already present or repeated in the batch, a database error), none is.
     *
     * @param ids        the ids, not blank
     * @param embeddings the embeddings, as many as ids
     * @param embedded   the segments, as many as ids (elements may be {@code null}), or {@code null} for none
     * @throws IllegalArgumentException if the lists disagree in size or a vector cannot be stored
     * @throws PgHalfvecStoreException  if the database rejects the batch
     */
    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> embedded) {
        if (ids == null || embeddings == null) {
            throw new IllegalArgumentException("ids and embeddings cannot be null");
        }
        if (ids.size() != embeddings.size() || (embedded != null && embedded.size() != ids.size())) {
            throw new IllegalArgumentException("ids (" + ids.size() + "), embeddings (" + embeddings.size()
                    + ") and embedded (" + (embedded == null ? "none" : embedded.size()) + ") must have the same size");
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("id " + i + " of the batch is null or blank");
            }
            if (embeddings.get(i) == null) {
                throw new IllegalArgumentException("embedding " + i + " (id '" + id + "') is null");
            }
            VectorChecks.check("embedding " + i + " (id '" + id + "')", embeddings.get(i).vector(), layout);
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            Jdbc.inTransaction(dataSource, connection -> {
                try (PreparedStatement statement = connection.prepareStatement(layout.insertSql())) {
                    for (int i = 0; i < ids.size(); i++) {
                        bindRow(statement, ids.get(i), embeddings.get(i).vector(),
                                embedded == null ? null : embedded.get(i));
                        statement.addBatch();
                        if ((i + 1) % INSERT_BATCH_SIZE == 0) {
                            statement.executeBatch();
                        }
                    }
                    statement.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new PgHalfvecStoreException("Could not add " + ids.size() + " embedding(s) to table '"
                    + layout.displayName() + "'; the transaction was rolled back and none was stored: "
                    + Jdbc.describe(e), e);
        }
    }

    private void bindRow(PreparedStatement statement, String id, float[] vector, TextSegment segment)
            throws SQLException {
        int i = 1;
        statement.setString(i++, id);
        if (layout.storage() == VectorStorage.INT8) {
            Int8Vector quantized = Int8Vector.quantize(vector);
            statement.setBytes(i++, quantized.codes());
            statement.setFloat(i++, quantized.scale());
            statement.setObject(i++, new PGbit(Int8Vector.signBits(vector)));
        } else {
            statement.setObject(i++, new PGhalfvec(vector));
        }
        statement.setString(i++, segment == null ? null : segment.text());
        statement.setString(i, MetadataJson.toJson(segment == null ? null : segment.metadata()));
    }

    /**
     * Removes the rows with the given ids; ids that are not present are ignored.
     *
     * @param ids the ids, not empty
     */
    @Override
    public void removeAll(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("ids cannot be null or empty");
        }
        run("remove " + ids.size() + " id(s) from", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM " + layout.qualifiedName() + " WHERE id = ANY (?)")) {
                Array array = connection.createArrayOf("text", ids.toArray());
                try {
                    statement.setArray(1, array);
                    statement.executeUpdate();
                } finally {
                    array.free();
                }
            }
            return null;
        });
    }

    /**
     * Removes the rows whose metadata matches a filter.
     *
     * @param filter the filter
     */
    @Override
    public void removeAll(Filter filter) {
        if (filter == null) {
            throw new IllegalArgumentException("filter cannot be null");
        }
        SqlClause where = MetadataFilterSql.toSql(filter);
        run("remove rows matching " + filter + " from", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM " + layout.qualifiedName() + " WHERE " + where.sql())) {
                where.bind(statement, 1);
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** Removes all rows ({@code TRUNCATE}, which briefly locks the table against concurrent readers). */
    @Override
    public void removeAll() {
        run("truncate", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE " + layout.qualifiedName());
            }
            return null;
        });
    }

    /**
     * Finds the stored embeddings most similar to the query embedding by cosine similarity, optionally among the rows
     * whose metadata matches the request's filter, with a relevance score of at least {@code minScore}. In
     * {@link SearchMode#HYBRID} a request with query text is ranked by full-text search and by vector search (each
     * ranking takes {@value #HYBRID_CANDIDATES_PER_RESULT} rows per requested result), the rankings are fused by
     * reciprocal rank, and {@code minScore} applies to the fused score.
     *
     * @param request the query embedding, optional query text, maxResults, minScore and filter
     * @return the matches, best first
     */
    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        List<EmbeddingMatch<TextSegment>> matches = isHybrid(request) ? run("search", hybridSearch(request))
                : run("search", searcher(request, request.maxResults())::search);
        List<EmbeddingMatch<TextSegment>> relevant = new ArrayList<>(matches.size());
        for (EmbeddingMatch<TextSegment> match : matches) {
            if (match.score() >= request.minScore()) {
                relevant.add(match);
            }
        }
        return new EmbeddingSearchResult<>(relevant);
    }

    /**
     * Shows the PostgreSQL query plan of a search, with the same SQL, parameters and HNSW settings that
     * {@link #search} uses, e.g. to check that the HNSW index is used.
     *
     * @param request the search request
     * @return the output of {@code EXPLAIN}, one plan line per text line
     */
    public String explainSearch(EmbeddingSearchRequest request) {
        return run("explain a search on", searcher(request, request.maxResults())::explain);
    }

    private boolean isHybrid(EmbeddingSearchRequest request) {
        return searchMode == SearchMode.HYBRID && request != null && request.query() != null
                && !request.query().isBlank();
    }

    /** The vector search of {@code request}, for {@code maxResults} rows. */
    private Searcher searcher(EmbeddingSearchRequest request, int maxResults) {
        if (request == null || request.queryEmbedding() == null) {
            throw new IllegalArgumentException("The search request and its query embedding cannot be null");
        }
        float[] query = request.queryEmbedding().vector();
        VectorChecks.check("The query embedding", query, layout);
        return new Searcher(layout, query, where(request), maxResults, rescoreFactor, efSearch);
    }

    private Jdbc.Work<List<EmbeddingMatch<TextSegment>>> hybridSearch(EmbeddingSearchRequest request) {
        int candidates = (int) Math.min(Integer.MAX_VALUE, (long) request.maxResults() * HYBRID_CANDIDATES_PER_RESULT);
        Searcher vector = searcher(request, candidates);
        SqlClause where = where(request);
        return connection -> ReciprocalRankFusion.fuse(List.of(vector.search(connection),
                TextRanking.rank(connection, layout, request.query(), where, candidates)), rrfK, request.maxResults());
    }

    private static SqlClause where(EmbeddingSearchRequest request) {
        return request.filter() == null ? null : MetadataFilterSql.toSql(request.filter());
    }

    private <T> T run(String action, Jdbc.Work<T> work) {
        try {
            return Jdbc.inTransaction(dataSource, work);
        } catch (SQLException e) {
            throw new PgHalfvecStoreException("Could not " + action + " table '" + layout.displayName() + "': "
                    + Jdbc.describe(e), e);
        }
    }

    /**
     * Builds a {@link PgHalfvecEmbeddingStore}. {@code dataSource} and {@code dimension} are required.
     */
    public static final class Builder {

        private DataSource dataSource;
        private String table = "embeddings";
        private Integer dimension;
        private boolean createTable = true;
        private boolean createExtension;
        private int efSearch = 40;
        private Integer hnswM;
        private Integer efConstruction;
        private VectorStorage storage = VectorStorage.HALFVEC;
        private int rescoreFactor = 10;
        private SearchMode searchMode = SearchMode.VECTOR;
        private String textSearchConfig = "simple";
        private int rrfK = ReciprocalRankFusion.DEFAULT_K;
        private String modelId;
        private String dtype;
        private boolean clearOnModelChange;

        private Builder() {
        }

        /**
         * @param dataSource where connections come from (required)
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /**
         * @param table {@code table} or {@code schema.table}: letters, digits and underscores, at most 40 characters
         *              per part, case-sensitive (quoted in SQL); default {@code embeddings}
         * @return this builder
         */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /**
         * @param dimension the number of dimensions of the embeddings, 1 to 16000 (required). An existing table with
         *                  another dimension makes the build fail.
         * @return this builder
         */
        public Builder dimension(Integer dimension) {
            this.dimension = dimension;
            return this;
        }

        /**
         * @param createTable whether to create the table and its indexes when they are absent (default {@code true});
         *                    with {@code false} the table must exist
         * @return this builder
         */
        public Builder createTable(boolean createTable) {
            this.createTable = createTable;
            return this;
        }

        /**
         * @param createExtension whether to run {@code CREATE EXTENSION IF NOT EXISTS vector} first, which needs the
         *                        privilege to create extensions (default {@code false})
         * @return this builder
         */
        public Builder createExtension(boolean createExtension) {
            this.createExtension = createExtension;
            return this;
        }

        /**
         * @param efSearch HNSW {@code hnsw.ef_search}, 1 to 1000 (default 40); raised per query to the number of rows
         *                 asked from the index, up to 1000
         * @return this builder
         */
        public Builder efSearch(int efSearch) {
            this.efSearch = efSearch;
            return this;
        }

        /**
         * @param hnswM HNSW {@code m} for a new index, 2 to 100 (default: pgvector's, 16)
         * @return this builder
         */
        public Builder hnswM(Integer hnswM) {
            this.hnswM = hnswM;
            return this;
        }

        /**
         * @param efConstruction HNSW {@code ef_construction} for a new index, 4 to 1000 and at least {@code 2 * m}
         *                       (default: pgvector's, 64)
         * @return this builder
         */
        public Builder efConstruction(Integer efConstruction) {
            this.efConstruction = efConstruction;
            return this;
        }

        /**
         * @param storage how vectors are stored and indexed (default {@link VectorStorage#HALFVEC})
         * @return this builder
         */
        public Builder storage(VectorStorage storage) {
            this.storage = storage;
            return this;
        }

        /**
         * @param rescoreFactor with a binary pre-filter, how many candidates per requested result are taken from the
         *                      binary index and re-scored exactly (default 10; recall@10 on low-rank test data:
         *                      about 0.77 at 4, 0.94 at 10, 0.99 at 20, see docs/benchmarks-pgvector.md)
         * @return this builder
         */
        public Builder rescoreFactor(int rescoreFactor) {
            this.rescoreFactor = rescoreFactor;
            return this;
        }

        /**
         * @param searchMode {@link SearchMode#VECTOR} (default) or {@link SearchMode#HYBRID}, which adds the full-text
         *                   column and its index to the table (rewriting an existing table once)
         * @return this builder
         */
        public Builder searchMode(SearchMode searchMode) {
            this.searchMode = searchMode;
            return this;
        }

        /**
         * @param textSearchConfig the PostgreSQL text search configuration of hybrid search (default {@code simple}:
         *                         words as they are, any language; {@code english} and other languages stem words and
         *                         drop stop words)
         * @return this builder
         */
        public Builder textSearchConfig(String textSearchConfig) {
            this.textSearchConfig = textSearchConfig;
            return this;
        }

        /**
         * @param rrfK the constant k of reciprocal rank fusion in hybrid search, at least 1 (default 60): a row at
         *             rank r of a ranking earns 1 / (k + r); smaller values favour the top ranks more
         * @return this builder
         */
        public Builder rrfK(int rrfK) {
            this.rrfK = rrfK;
            return this;
        }

        /**
         * Guards the table against embeddings of another model: the table records the model id, its dimension and
         * dtype when it is created, and a store built later for another model, dimension or dtype is refused with
         * {@link ModelMismatchException}. A table created without a record gets one (with a warning in the log if it
         * has rows). Without this setting nothing is checked or recorded.
         *
         * @param modelId the embedding model, e.g. {@code Qwen/Qwen3-VL-Embedding-2B}
         * @param dtype   the compute type of its embeddings, e.g. {@code float32}
         * @return this builder
         */
        public Builder embeddingModel(String modelId, String dtype) {
            this.modelId = modelId;
            this.dtype = dtype;
            return this;
        }

        /**
         * @param clearOnModelChange whether a table that holds embeddings of another model than
         *                           {@link #embeddingModel(String, String)} is dropped and created again for the
         *                           configured model (its rows are lost: add the documents again), instead of
         *                           refused (default {@code false})
         * @return this builder
         */
        public Builder clearOnModelChange(boolean clearOnModelChange) {
            this.clearOnModelChange = clearOnModelChange;
            return this;
        }

        /**
         * Validates the configuration, connects, checks pgvector and an existing table, and creates what is missing.
         *
         * @return the store
         * @throws IllegalArgumentException if an option is missing or out of range
         * @throws ModelMismatchException   if the table holds embeddings of another model
         * @throws PgHalfvecStoreException  if the database is not usable for this configuration
         */
        public PgHalfvecEmbeddingStore build() {
            return new PgHalfvecEmbeddingStore(this);
        }
    }
}

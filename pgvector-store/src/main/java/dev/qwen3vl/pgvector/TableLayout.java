package dev.qwen3vl.pgvector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The table of one store: its validated name, columns, DDL and the SQL that reads and writes it.
 *
 * <p>Columns: {@code id TEXT PRIMARY KEY}, the vector column(s) of the {@link VectorStorage} mode, {@code text TEXT}
 * and {@code metadata JSONB NOT NULL} (GIN index, {@code jsonb_path_ops}); for hybrid search also
 * {@value #TEXT_SEARCH_COLUMN}, a {@code tsvector} generated from the text (GIN index). Index names are the table
 * name plus a suffix, so several modes can index the same halfvec table side by side. The model whose embeddings
 * the table holds is recorded in the table {@code <table>_model} ({@link ModelGuard}).
 */
final class TableLayout {

    /** pgvector's limit for an HNSW index on {@code halfvec}. */
    static final int MAX_HALFVEC_HNSW_DIMENSION = 4000;
    /** pgvector's limit for a {@code halfvec} column. */
    static final int MAX_HALFVEC_DIMENSION = 16000;

    /** The generated full-text column of hybrid search. */
    static final String TEXT_SEARCH_COLUMN = "text_search";
    /** How many rows containing a word the full-text ranking counts at most to weigh the word. */
    static final int MAX_COUNTED_ROWS_PER_WORD = 1000;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TEXT_SEARCH_CONFIG = Pattern.compile("[a-z_][a-z0-9_]*");
    /** Leaves room for the longest index suffix within PostgreSQL's 63-byte identifiers. */
    private static final int MAX_IDENTIFIER_LENGTH = 40;

    private final String schema;
    private final String table;
    private final int dimension;
    private final VectorStorage storage;
    private final Integer hnswM;
    private final Integer efConstruction;
    private final String textSearchConfig;

    private TableLayout(String schema, String table, int dimension, VectorStorage storage, Integer hnswM,
                        Integer efConstruction, String textSearchConfig) {
        this.schema = schema;
        this.table = table;
        this.dimension = dimension;
        this.storage = storage;
        this.hnswM = hnswM;
        this.efConstruction = efConstruction;
        this.textSearchConfig = textSearchConfig;
    }

    /**
     * Validates the configuration of a table.
     *
     * @param name           {@code table} or {@code schema.table}; letters, digits and underscores, case-sensitive
     * @param dimension      the number of dimensions of the embeddings
     * @param storage        the storage mode
     * @param hnswM          HNSW {@code m}, or {@code null} for pgvector's default
     * @param efConstruction HNSW {@code ef_construction}, or {@code null} for pgvector's default
     * @return the layout
     * @throws IllegalArgumentException if a value is out of range
     */
    static TableLayout of(String name, int dimension, VectorStorage storage, Integer hnswM, Integer efConstruction) {
        if (name == null) {
            throw new IllegalArgumentException("table cannot be null");
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("Table name '" + name + "' must be 'table' or 'schema.table'");
        }
        for (String part : parts) {
            if (!IDENTIFIER.matcher(part).matches() || part.length() > MAX_IDENTIFIER_LENGTH) {
                throw new IllegalArgumentException("Table name '" + name + "' is invalid: each part must match "
                        + IDENTIFIER.pattern() + " and have at most " + MAX_IDENTIFIER_LENGTH + " characters");
            }
        }
        if (dimension < 1 || dimension > MAX_HALFVEC_DIMENSION) {
            throw new IllegalArgumentException("dimension must be between 1 and " + MAX_HALFVEC_DIMENSION
                    + " (pgvector's halfvec limit), but is " + dimension);
        }
        if (storage == null) {
            throw new IllegalArgumentException("storage cannot be null");
        }
        if (hnswM != null && (hnswM < 2 || hnswM > 100)) {
            throw new IllegalArgumentException("hnswM must be between 2 and 100, but is " + hnswM);
        }
        if (efConstruction != null && (efConstruction < 4 || efConstruction > 1000)) {
            throw new IllegalArgumentException("efConstruction must be between 4 and 1000, but is " + efConstruction);
        }
        if (hnswM != null && efConstruction != null && efConstruction < 2 * hnswM) {
            throw new IllegalArgumentException("efConstruction (" + efConstruction
                    + ") must be at least twice hnswM (" + hnswM + ")");
        }
        String schema = parts.length == 2 ? parts[0] : null;
        String table = parts[parts.length - 1];
        return new TableLayout(schema, table, dimension, storage, hnswM, efConstruction, null);
    }

    /**
     * This layout with the full-text column of hybrid search.
     *
     * @param config a PostgreSQL text search configuration, e.g. {@code simple} or {@code english}
     * @return the layout
     * @throws IllegalArgumentException if the name is not a plain identifier
     */
    TableLayout withTextSearch(String config) {
        if (config == null || !TEXT_SEARCH_CONFIG.matcher(config).matches()) {
            throw new IllegalArgumentException("textSearchConfig must be the name of a text search configuration"
                    + " such as simple or english (matching " + TEXT_SEARCH_CONFIG.pattern() + "), but is '" + config
                    + "'");
        }
        return new TableLayout(schema, table, dimension, storage, hnswM, efConstruction, config);
    }

    /** @return the text search configuration of hybrid search, or {@code null} without it */
    String textSearchConfig() {
        return textSearchConfig;
    }

    /** @return the number of dimensions */
    int dimension() {
        return dimension;
    }

    /** @return the storage mode */
    VectorStorage storage() {
        return storage;
    }

    /**
     * Whether searches go through the HNSW index on the sign bits followed by exact re-scoring, rather than through
     * an HNSW index on the halfvec column.
     *
     * @return {@code true} for {@link VectorStorage#BINARY}, {@link VectorStorage#INT8}, and
     *         {@link VectorStorage#HALFVEC} above {@value #MAX_HALFVEC_HNSW_DIMENSION} dimensions
     */
    boolean binaryPrefilter() {
        return storage != VectorStorage.HALFVEC || dimension > MAX_HALFVEC_HNSW_DIMENSION;
    }

    /** @return the quoted, possibly schema-qualified table name for SQL text and {@code to_regclass} */
    String qualifiedName() {
        return schema == null ? quote(table) : quote(schema) + "." + quote(table);
    }

    /** @return the name as the user gave it, for messages */
    String displayName() {
        return schema == null ? table : schema + "." + table;
    }

    /** @return the column that carries the dimension: {@code embedding} (halfvec) or {@code embedding_bits} (bit) */
    String dimensionColumn() {
        return storage == VectorStorage.INT8 ? "embedding_bits" : "embedding";
    }

    /** @return the PostgreSQL type name of {@link #dimensionColumn()} */
    String dimensionColumnType() {
        return storage == VectorStorage.INT8 ? "bit" : "halfvec";
    }

    /** @return the name of the HNSW index that this layout's searches use */
    String vectorIndexName() {
        String suffix = switch (storage) {
            case INT8 -> "_embedding_bits_hnsw";
            case BINARY -> "_embedding_bq_hnsw";
            case HALFVEC -> binaryPrefilter() ? "_embedding_bq_hnsw" : "_embedding_hnsw";
        };
        return table + suffix;
    }

    /** @return the quoted, possibly schema-qualified name of the table recording the embedding model */
    String modelTableName() {
        String name = quote(table + "_model");
        return schema == null ? name : quote(schema) + "." + name;
    }

    /**
     * @return the statements that create the table, its metadata index, its vector index and, for hybrid search, its
     *         full-text column and index, if absent
     */
    List<String> createStatements() {
        List<String> statements = new ArrayList<>(List.of(createTableStatement(),
                "CREATE INDEX IF NOT EXISTS " + quote(table + "_metadata_gin") + " ON " + qualifiedName()
                        + " USING gin (metadata jsonb_path_ops)",
                createVectorIndexStatement()));
        if (textSearchConfig != null) {
            statements.add("ALTER TABLE " + qualifiedName() + " ADD COLUMN IF NOT EXISTS " + TEXT_SEARCH_COLUMN
                    + " tsvector GENERATED ALWAYS AS (to_tsvector('" + textSearchConfig + "'::regconfig,"
                    + " coalesce(text, ''))) STORED");
            statements.add("CREATE INDEX IF NOT EXISTS " + quote(table + "_text_search_gin") + " ON " + qualifiedName()
                    + " USING gin (" + TEXT_SEARCH_COLUMN + ")");
        }
        return statements;
    }

    /** @return the statement that creates the HNSW index that this layout's searches use, if absent */
    String createVectorIndexStatement() {
        StringBuilder with = new StringBuilder();
        if (hnswM != null) {
            with.append("m = ").append(hnswM);
        }
        if (efConstruction != null) {
            with.append(with.length() > 0 ? ", " : "").append("ef_construction = ").append(efConstruction);
        }
        return "CREATE INDEX IF NOT EXISTS " + quote(vectorIndexName()) + " ON " + qualifiedName()
                + " USING hnsw (" + indexedExpression() + ")"
                + (with.length() > 0 ? " WITH (" + with + ")" : "");
    }

    private String indexedExpression() {
        if (storage == VectorStorage.INT8) {
            return "embedding_bits bit_hamming_ops";
        }
        return binaryPrefilter() ? "(" + signBits("embedding") + ") bit_hamming_ops" : "embedding halfvec_cosine_ops";
    }

    private String createTableStatement() {
        String vectorColumns = storage == VectorStorage.INT8
                ? "embedding_int8 BYTEA NOT NULL, embedding_scale REAL NOT NULL, embedding_bits BIT(" + dimension
                + ") NOT NULL"
                : "embedding HALFVEC(" + dimension + ") NOT NULL";
        return "CREATE TABLE IF NOT EXISTS " + qualifiedName() + " (id TEXT PRIMARY KEY, " + vectorColumns
                + ", text TEXT, metadata JSONB NOT NULL DEFAULT '{}'::jsonb)";
    }

    /**
     * @return {@code INSERT} with placeholders: id, halfvec, text, metadata JSON; or for {@link VectorStorage#INT8}
     *         id, int8 codes, scale, sign bits, text, metadata JSON
     */
    String insertSql() {
        if (storage == VectorStorage.INT8) {
            return "INSERT INTO " + qualifiedName()
                    + " (id, embedding_int8, embedding_scale, embedding_bits, text, metadata) VALUES (?, ?, ?, ?, ?, ?::jsonb)";
        }
        return "INSERT INTO " + qualifiedName() + " (id, embedding, text, metadata) VALUES (?, ?, ?, ?::jsonb)";
    }

    /**
     * The search query. Placeholders, in order: for the halfvec index the query vector, the filter's parameters and
     * the limit; for the binary pre-filter on halfvec the query vector (re-scoring), the filter's parameters, the query
     * vector (Hamming order), the number of candidates and the limit; for {@link VectorStorage#INT8} the filter's
     * parameters, the query's sign bits and the number of candidates (re-scored in Java). Embeddings and metadata are
     * converted to text only for the rows returned, outside the ordered subquery.
     *
     * @param where the filter condition, or {@code null} for none
     * @return the SQL
     */
    String searchSql(SqlClause where) {
        String filter = where == null ? "" : " WHERE " + where.sql();
        String query = "?::halfvec(" + dimension + ")";
        if (storage == VectorStorage.INT8) {
            return "SELECT id, embedding_int8, embedding_scale, text, metadata::text FROM " + qualifiedName() + filter
                    + " ORDER BY embedding_bits <~> ?::bit(" + dimension + ") LIMIT ?";
        }
        String rows = qualifiedName() + filter;
        if (binaryPrefilter()) {
            rows = "(SELECT id, embedding, text, metadata FROM " + rows + " ORDER BY " + signBits("embedding") + " <~> "
                    + signBits(query) + " LIMIT ?) AS candidates";
        }
        return "SELECT id, distance, embedding::text, text, metadata::text FROM (SELECT id, embedding <=> " + query
                + " AS distance, embedding, text, metadata FROM " + rows + " ORDER BY distance LIMIT ?) AS nearest"
                + " ORDER BY distance";
    }

    /**
     * The full-text ranking of a hybrid search: the rows that contain a word of the query (as the text search
     * configuration normalizes words: lower case, and for a language stemmed and without stop words), ranked by the
     * rarity of the words they contain: each adds 1 / (the number of rows that contain it, counted up to
     * {@value #MAX_COUNTED_ROWS_PER_WORD}), so that an exact code or name found in a single row outweighs common words.
     * Ties go to the higher {@code ts_rank}, then to the smaller id. Placeholders, in order: the query text, the
     * filter's parameters, the limit. Columns: id, the stored vector (halfvec as text, or int8 codes and scale), text,
     * metadata JSON, rank.
     *
     * @param where the filter condition, or {@code null} for none
     * @return the SQL
     */
    String textSearchSql(SqlClause where) {
        String vector = storage == VectorStorage.INT8 ? "embedding_int8, embedding_scale" : "embedding::text";
        String raw = storage == VectorStorage.INT8 ? "embedding_int8, embedding_scale" : "embedding";
        String column = TEXT_SEARCH_COLUMN;
        // each normalized word of the query as a one-word tsquery (quotes and backslashes doubled)
        String words = "SELECT DISTINCT ('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''')"
                + "::tsquery AS word FROM unnest(tsvector_to_array(to_tsvector('" + textSearchConfig
                + "'::regconfig, ?))) AS lexeme";
        String weights = "SELECT word, 1.0 / greatest(1, (SELECT count(*) FROM (SELECT 1 FROM " + qualifiedName()
                + " WHERE " + column + " @@ word LIMIT " + MAX_COUNTED_ROWS_PER_WORD + ") AS containing)) AS weight"
                + " FROM words";
        String anyWord = "(SELECT string_agg(word::text, ' | ')::tsquery FROM words)";
        return "WITH words AS (" + words + "), weights AS (" + weights + ") SELECT id, " + vector + ", text,"
                + " metadata::text, rank FROM (SELECT id, " + raw + ", text, metadata, (SELECT sum(weight) FROM"
                + " weights WHERE " + column + " @@ word) AS rank, ts_rank(" + column + ", " + anyWord + ") AS tie"
                + " FROM " + qualifiedName() + " WHERE " + column + " @@ " + anyWord
                + (where == null ? "" : " AND " + where.sql()) + " ORDER BY rank DESC, tie DESC, id LIMIT ?)"
                + " AS ranked ORDER BY rank DESC, tie DESC, id";
    }

    private String signBits(String halfvec) {
        return "binary_quantize(" + halfvec + ")::bit(" + dimension + ")";
    }

    private static String quote(String identifier) {
        return '"' + identifier + '"';
    }
}

package dev.qwen3vl.spark;

import com.pgvector.PGhalfvec;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes rows into a table in the layout of {@code PgHalfvecEmbeddingStore} (module langchain4j-pgvector-halfvec,
 * storage {@code HALFVEC}), so that the store, the demo and the Quarkus application search what the job wrote. This
 * class is the job's only knowledge of that layout:
 *
 * <ul>
 *   <li>columns {@code id TEXT PRIMARY KEY, embedding HALFVEC(d) NOT NULL, text TEXT,
 *       metadata JSONB NOT NULL DEFAULT '{}'}; an existing table must have {@code embedding} as {@code halfvec(d)};</li>
 *   <li>indexes {@code <table>_metadata_gin} (GIN, {@code jsonb_path_ops}) and {@code <table>_embedding_hnsw} (HNSW,
 *       {@code halfvec_cosine_ops}), or {@code <table>_embedding_bq_hnsw} on {@code binary_quantize(embedding)} above
 *       4,000 dimensions;</li>
 *   <li>the store's advisory lock ({@code hashtext('dev.qwen3vl.pgvector:' || quoted name)}) around the set-up, so a
 *       store starting at the same time does not race with it.</li>
 * </ul>
 *
 * Rows are written with {@code INSERT ... ON CONFLICT (id) DO NOTHING}: a key that is already there (a retried task,
 * a rerun) is left as it is. One instance holds one connection; it is not thread-safe.
 */
final class PgHalfvecWriter implements RowSink, AutoCloseable {

    /** The highest dimension the store indexes with HNSW on the halfvec column itself. */
    private static final int MAX_HALFVEC_HNSW_DIMENSION = 4000;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");

    private final Connection connection;
    private final String table;

    private PgHalfvecWriter(Connection connection, String table) {
        this.connection = connection;
        this.table = table;
    }

    /**
     * Connects for writing.
     *
     * @param jdbcUrl the database
     * @param table   {@code table} or {@code schema.table}
     * @return the writer; close it
     * @throws IllegalStateException if the database cannot be reached
     */
    static PgHalfvecWriter open(String jdbcUrl, String table) {
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl);
            connection.setAutoCommit(false);
            return new PgHalfvecWriter(connection, quoted(table));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + withoutSecrets(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the table name.
     *
     * @param table {@code table} or {@code schema.table}
     * @throws IllegalArgumentException if a part is not a plain identifier of at most 40 characters
     */
    static void checkName(String table) {
        quoted(table);
    }

    /**
     * Creates the table and its indexes when absent, or checks that the existing table stores {@code dimension}-wide
     * halfvecs.
     *
     * @param dimension the dimension of the vectors
     * @throws IllegalStateException if the table exists with another layout or pgvector is missing
     */
    void prepare(int dimension) {
        String[] parts = table.split("\\.");
        String name = parts[parts.length - 1].replace("\"", "");
        try (Statement statement = connection.createStatement()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "dev.qwen3vl.pgvector:" + table);
                lock.execute();
            }
            String existing = embeddingType();
            if (existing != null && !existing.equals("halfvec(" + dimension + ")")) {
                throw new IllegalStateException("Table " + table + " has embedding " + existing + ", but the job writes "
                        + "halfvec(" + dimension + "): use another --table or the table's dimension");
            }
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (id TEXT PRIMARY KEY, embedding HALFVEC("
                    + dimension + ") NOT NULL, text TEXT, metadata JSONB NOT NULL DEFAULT '{}'::jsonb)");
            statement.execute("CREATE INDEX IF NOT EXISTS \"" + name + "_metadata_gin\" ON " + table
                    + " USING gin (metadata jsonb_path_ops)");
            statement.execute(dimension <= MAX_HALFVEC_HNSW_DIMENSION
                    ? "CREATE INDEX IF NOT EXISTS \"" + name + "_embedding_hnsw\" ON " + table
                    + " USING hnsw (embedding halfvec_cosine_ops)"
                    : "CREATE INDEX IF NOT EXISTS \"" + name + "_embedding_bq_hnsw\" ON " + table
                    + " USING hnsw ((binary_quantize(embedding)::bit(" + dimension + ")) bit_hamming_ops)");
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("Cannot prepare table " + table + " (is the pgvector extension, 0.8 or "
                    + "newer, installed? CREATE EXTENSION vector): " + e.getMessage(), e);
        }
    }

    private String embeddingType() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT format_type(atttypid, atttypmod) FROM "
                + "pg_attribute WHERE attrelid = to_regclass(?) AND attname = 'embedding' AND NOT attisdropped")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Override
    public Set<String> present(Collection<String> ids) {
        Set<String> present = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM " + table + " WHERE id = ANY (?)")) {
            Array array = connection.createArrayOf("text", ids.toArray());
            try {
                query.setArray(1, array);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        present.add(rs.getString(1));
                    }
                }
            } finally {
                array.free();
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("Cannot look up " + ids.size() + " keys in " + table + ": "
                    + e.getMessage(), e);
        }
        return present;
    }

    @Override
    public int write(List<EmbeddedRow> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (id, embedding, text, metadata) VALUES (?, ?, ?, ?::jsonb) ON CONFLICT (id) DO NOTHING")) {
            for (EmbeddedRow row : rows) {
                insert.setString(1, row.id());
                insert.setObject(2, new PGhalfvec(row.vector()));
                insert.setString(3, row.text());
                insert.setString(4, row.metadata());
                insert.addBatch();
            }
            int inserted = 0;
            for (int count : insert.executeBatch()) {
                inserted += Math.max(count, 0);
            }
            connection.commit();
            return inserted;
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("Cannot write " + rows.size() + " rows to " + table + "; none was "
                    + "written: " + e.getMessage(), e);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is broken; the original failure says why
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close the connection to " + table, e);
        }
    }

    private static String quoted(String table) {
        if (table == null) {
            throw new IllegalArgumentException("--table is required for pgvector output");
        }
        String[] parts = table.split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("--table '" + table + "' must be 'table' or 'schema.table'");
        }
        StringBuilder quoted = new StringBuilder();
        for (String part : parts) {
            if (!IDENTIFIER.matcher(part).matches()) {
                throw new IllegalArgumentException("--table '" + table + "' is invalid: each part must match "
                        + IDENTIFIER.pattern() + " (letters, digits, underscores, at most 40 characters)");
            }
            quoted.append(quoted.length() > 0 ? "." : "").append('"').append(part).append('"');
        }
        return quoted.toString();
    }

    /**
     * @param jdbcUrl a JDBC URL
     * @return the URL without its query parameters (which may hold a password), for messages
     */
    static String withoutSecrets(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}

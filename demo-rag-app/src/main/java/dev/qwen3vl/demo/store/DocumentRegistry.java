package dev.qwen3vl.demo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The table of ingested documents, one row per content hash. A document is recorded only after all its chunks are
 * stored, so a hash in this table means "complete"; a hash absent from it may have leftover chunks from an interrupted
 * ingestion, which the next ingestion of that file removes first.
 */
public final class DocumentRegistry {

    private final DataSource dataSource;
    private final String table;

    /**
     * Creates the table if it does not exist.
     *
     * @param dataSource the database
     * @param table      the table name (a plain, already validated identifier)
     * @throws SQLException if the table cannot be created
     */
    public DocumentRegistry(DataSource dataSource, String table) throws SQLException {
        this.dataSource = dataSource;
        this.table = table;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (sha256 text PRIMARY KEY, source text NOT NULL, "
                    + "kind text NOT NULL, bytes bigint NOT NULL, chunks integer NOT NULL, "
                    + "ingested_at timestamptz NOT NULL DEFAULT now())");
        }
    }

    /** The table name. */
    public String table() {
        return table;
    }

    /**
     * @param sha256 a content hash
     * @return the document with that hash, if it is completely ingested
     */
    public Optional<IngestedDocument> find(String sha256) {
        return query("SELECT sha256, source, kind, bytes, chunks, ingested_at FROM " + table + " WHERE sha256 = ?",
                sha256).stream().findFirst();
    }

    /** All ingested documents, most recent first. */
    public List<IngestedDocument> list() {
        return query("SELECT sha256, source, kind, bytes, chunks, ingested_at FROM " + table
                + " ORDER BY ingested_at DESC, source", null);
    }

    /**
     * Records a document as completely ingested (replacing an older record of the same hash).
     *
     * @param sha256 content hash
     * @param source file name
     * @param kind   kind, lower case
     * @param bytes  size
     * @param chunks number of stored chunks
     */
    public void record(String sha256, String source, String kind, long bytes, int chunks) {
        String sql = "INSERT INTO " + table + " (sha256, source, kind, bytes, chunks) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (sha256) DO UPDATE SET source = EXCLUDED.source, kind = EXCLUDED.kind, "
                + "bytes = EXCLUDED.bytes, chunks = EXCLUDED.chunks, ingested_at = now()";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, sha256);
            s.setString(2, source);
            s.setString(3, kind);
            s.setLong(4, bytes);
            s.setInt(5, chunks);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("record document " + sha256 + " in " + table, e);
        }
    }

    private List<IngestedDocument> query(String sql, String sha256) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (sha256 != null) {
                s.setString(1, sha256);
            }
            List<IngestedDocument> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp at = rs.getTimestamp(6);
                    out.add(new IngestedDocument(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getInt(5), at.toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read " + table, e);
        }
    }

    private static RuntimeException failure(String action, SQLException e) {
        String message = "Could not " + action + ": " + e.getMessage();
        return TransientFailures.isTransient(e) ? new DatabaseUnavailableException(message, e)
                : new IllegalStateException(message, e);
    }
}

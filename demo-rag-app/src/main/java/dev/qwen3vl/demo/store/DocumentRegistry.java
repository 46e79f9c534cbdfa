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
 * The table of ingested documents, one row per content hash, and the table of deleted ones ({@code <table>_deleted}).
 * A document is recorded only after all its chunks are stored, so a hash in the documents table means "complete"; a
 * hash absent from it may have leftover chunks from an interrupted ingestion, which the next ingestion of that file
 * removes first. A deleted document is remembered so that the ingestion folder does not bring it back; uploading it
 * again adds it again.
 */
public final class DocumentRegistry {

    private static final String COLUMNS = "sha256, source, kind, bytes, chunks, ingested_at, path";

    private final DataSource dataSource;
    private final String table;
    private final String deleted;

    /**
     * Creates the tables if they do not exist.
     *
     * @param dataSource the database
     * @param table      the table name (a plain, already validated identifier)
     * @throws SQLException if the tables cannot be created
     */
    public DocumentRegistry(DataSource dataSource, String table) throws SQLException {
        this.dataSource = dataSource;
        this.table = table;
        this.deleted = table + "_deleted";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (sha256 text PRIMARY KEY, source text NOT NULL, "
                    + "kind text NOT NULL, bytes bigint NOT NULL, chunks integer NOT NULL, "
                    + "ingested_at timestamptz NOT NULL DEFAULT now())");
            s.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS path text");
            s.execute("CREATE TABLE IF NOT EXISTS " + deleted + " (sha256 text PRIMARY KEY, source text NOT NULL, "
                    + "deleted_at timestamptz NOT NULL DEFAULT now())");
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
        return query("SELECT " + COLUMNS + " FROM " + table + " WHERE sha256 = ?", sha256).stream().findFirst();
    }

    /** All ingested documents, most recent first. */
    public List<IngestedDocument> list() {
        return query("SELECT " + COLUMNS + " FROM " + table + " ORDER BY ingested_at DESC, source", null);
    }

    /**
     * Records a document as completely ingested (replacing an older record of the same hash).
     *
     * @param document the document
     */
    public void record(IngestedDocument document) {
        String sql = "INSERT INTO " + table + " (sha256, source, kind, bytes, chunks, path) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (sha256) DO UPDATE SET source = EXCLUDED.source, kind = EXCLUDED.kind, "
                + "bytes = EXCLUDED.bytes, chunks = EXCLUDED.chunks, path = EXCLUDED.path, ingested_at = now()";
        update("record document " + document.sha256() + " in " + table, sql, document.sha256(), document.source(),
                document.kind(), document.bytes(), document.chunks(), document.path());
    }

    /**
     * Forgets a document and remembers that it was deleted, in one transaction.
     *
     * @param document the document
     */
    public void delete(IngestedDocument document) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement forget = c.prepareStatement("DELETE FROM " + table + " WHERE sha256 = ?");
                 PreparedStatement remember = c.prepareStatement("INSERT INTO " + deleted + " (sha256, source) "
                         + "VALUES (?, ?) ON CONFLICT (sha256) DO UPDATE SET deleted_at = now()")) {
                forget.setString(1, document.sha256());
                forget.executeUpdate();
                remember.setString(1, document.sha256());
                remember.setString(2, document.source());
                remember.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw TransientFailures.failed("delete document " + document.sha256() + " from " + table, e);
        }
    }

    /**
     * @param sha256 a content hash
     * @return whether a document of that content was deleted (and not uploaded again since)
     */
    public boolean isDeleted(String sha256) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + deleted + " WHERE sha256 = ?")) {
            s.setString(1, sha256);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw TransientFailures.failed("read " + deleted, e);
        }
    }

    /**
     * Forgets that a document was deleted (it is being uploaded again).
     *
     * @param sha256 its content hash
     */
    public void undelete(String sha256) {
        update("undelete " + sha256 + " in " + deleted, "DELETE FROM " + deleted + " WHERE sha256 = ?", sha256);
    }

    /** Forgets every ingested document (for a re-index); deleted documents stay deleted. */
    public void clear() {
        update("clear " + table, "DELETE FROM " + table);
    }

    private void update(String action, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw TransientFailures.failed(action, e);
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
                            rs.getInt(5), at.toInstant(), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TransientFailures.failed("read " + table, e);
        }
    }
}

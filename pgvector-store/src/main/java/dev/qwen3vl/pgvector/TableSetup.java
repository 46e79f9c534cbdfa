package dev.qwen3vl.pgvector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Prepares the database for a store: checks the pgvector version, checks an existing table against the configuration
 * (columns, dimension, the recorded embedding model, the text search column) and creates what is missing. Runs in one
 * transaction under an advisory lock on the table name, so that stores that start at the same time do not race.
 */
final class TableSetup {

    /** halfvec, binary_quantize, bit_hamming_ops and iterative index scans. */
    static final String MIN_PGVECTOR_VERSION = "0.8.0";

    private static final Logger LOG = LoggerFactory.getLogger(TableSetup.class);

    private TableSetup() {
    }

    /**
     * What the store asks of its table.
     *
     * @param createTable        whether to create the table, its indexes and its model record when absent
     * @param createExtension    whether to run {@code CREATE EXTENSION IF NOT EXISTS vector}
     * @param model              the embedding model the table must hold, or {@code null} for no check
     * @param clearOnModelChange whether a table of another model is dropped and created again instead of refused
     */
    record Options(boolean createTable, boolean createExtension, ModelSignature model, boolean clearOnModelChange) {
    }

    /**
     * Prepares the table.
     *
     * @param dataSource the database
     * @param layout     the table
     * @param options    what to create and check
     * @throws SQLException            if a statement fails
     * @throws ModelMismatchException  if the table holds embeddings of another model and may not be cleared
     * @throws PgHalfvecStoreException if pgvector is missing or too old, or the table does not fit the configuration
     */
    static void prepare(DataSource dataSource, TableLayout layout, Options options) throws SQLException {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "dev.qwen3vl.pgvector:" + layout.qualifiedName());
                lock.execute();
            }
            if (options.createExtension()) {
                execute(connection, "CREATE EXTENSION IF NOT EXISTS vector");
            }
            checkPgvector(connection);
            ModelGuard guard = new ModelGuard(layout);
            Map<String, String> columns = columns(connection, layout);
            boolean recordModel = options.model() != null && options.createTable();
            if (!columns.isEmpty() && options.model() != null) {
                Optional<ModelSignature> recorded = guard.recorded(connection);
                if (recorded.isPresent() && !recorded.get().equals(options.model())) {
                    if (!options.clearOnModelChange()) {
                        throw new ModelMismatchException(layout.displayName(), recorded.get(), options.model());
                    }
                    LOG.warn("Table {} holds embeddings of {}; dropping it to store embeddings of {}",
                            layout.displayName(), recorded.get(), options.model());
                    execute(connection, "DROP TABLE " + layout.qualifiedName());
                    columns = Map.of();
                } else if (recorded.isEmpty() && hasRows(connection, layout)) {
                    LOG.warn("Table {} has no record of the model of its embeddings; recording {}, which they are"
                            + " assumed to come from", layout.displayName(), options.model());
                }
                recordModel &= !recorded.equals(Optional.of(options.model()));
            }
            if (columns.isEmpty()) {
                if (!options.createTable()) {
                    throw new PgHalfvecStoreException("Table '" + layout.displayName()
                            + "' does not exist and createTable is false");
                }
                LOG.info("Creating table {} for {}-dimensional embeddings ({})", layout.displayName(),
                        layout.dimension(), layout.storage());
            } else {
                checkColumns(layout, columns);
                checkTextSearchColumn(connection, layout, columns, options.createTable());
            }
            if (options.createTable()) {
                for (String ddl : layout.createStatements()) {
                    execute(connection, ddl);
                }
            }
            if (recordModel) {
                guard.record(connection, options.model());
            }
            return null;
        });
    }

    private static void checkPgvector(Connection connection) throws SQLException {
        String version = null;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'vector'")) {
            if (rs.next()) {
                version = rs.getString(1);
            }
        }
        if (version == null) {
            throw new PgHalfvecStoreException("The pgvector extension is not installed in this database: run "
                    + "CREATE EXTENSION vector, or build the store with createExtension(true)");
        }
        if (compareVersions(version, MIN_PGVECTOR_VERSION) < 0) {
            throw new PgHalfvecStoreException("pgvector " + version + " is installed, but this store needs "
                    + MIN_PGVECTOR_VERSION + " or newer (halfvec, binary_quantize and iterative index scans)");
        }
    }

    /** @return column name to its type as {@code format_type} prints it, in column order; empty if no table */
    private static Map<String, String> columns(Connection connection, TableLayout layout) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                        + " WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            statement.setString(1, layout.qualifiedName());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }

    private static void checkColumns(TableLayout layout, Map<String, String> columns) {
        String name = layout.dimensionColumn();
        String type = columns.get(name);
        String prefix = layout.dimensionColumnType() + "(";
        if (type == null || !type.startsWith(prefix) || !type.endsWith(")")) {
            throw new PgHalfvecStoreException("Table '" + layout.displayName() + "' has no " + layout.dimensionColumnType()
                    + " column '" + name + "' as storage " + layout.storage() + " needs; its columns are "
                    + columns.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        int existing = Integer.parseInt(type.substring(prefix.length(), type.length() - 1));
        if (existing != layout.dimension()) {
            throw new PgHalfvecStoreException("Table '" + layout.displayName() + "' stores " + existing
                    + "-dimensional embeddings (column " + name + " " + type + "), but the store is configured with "
                    + "dimension " + layout.dimension());
        }
    }

    /**
     * For hybrid search: the text search configuration must exist, and an existing {@code text_search} column must
     * have been generated with it (a missing one is added only when tables may be created).
     */
    private static void checkTextSearchColumn(Connection connection, TableLayout layout, Map<String, String> columns,
                                              boolean createTable) throws SQLException {
        if (layout.textSearchConfig() == null) {
            return;
        }
        if (!columns.containsKey(TableLayout.TEXT_SEARCH_COLUMN)) {
            if (!createTable) {
                throw new PgHalfvecStoreException("Table '" + layout.displayName() + "' has no column "
                        + TableLayout.TEXT_SEARCH_COLUMN + " for hybrid search, and createTable is false");
            }
            LOG.info("Adding the full-text column {} ({}) to table {}", TableLayout.TEXT_SEARCH_COLUMN,
                    layout.textSearchConfig(), layout.displayName());
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_get_expr(d.adbin, d.adrelid) FROM"
                + " pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
                + " WHERE d.adrelid = to_regclass(?) AND a.attname = ?")) {
            statement.setString(1, layout.qualifiedName());
            statement.setString(2, TableLayout.TEXT_SEARCH_COLUMN);
            try (ResultSet rs = statement.executeQuery()) {
                String expression = rs.next() ? rs.getString(1) : "(not generated)";
                if (!expression.contains("'" + layout.textSearchConfig() + "'::regconfig")) {
                    throw new PgHalfvecStoreException("Table '" + layout.displayName() + "' has the full-text column "
                            + TableLayout.TEXT_SEARCH_COLUMN + " generated as " + expression + ", but the store is"
                            + " configured with the text search configuration '" + layout.textSearchConfig()
                            + "'. Drop the column (ALTER TABLE " + layout.qualifiedName() + " DROP COLUMN "
                            + TableLayout.TEXT_SEARCH_COLUMN + ") to have it generated again.");
                }
            }
        }
    }

    private static boolean hasRows(Connection connection, TableLayout layout) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + layout.qualifiedName() + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Compares dotted version numbers such as {@code 0.8.0} numerically, part by part.
     *
     * @param a a version
     * @param b another version
     * @return negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}
     */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int cmp = Integer.compare(i < x.length ? leadingNumber(x[i]) : 0, i < y.length ? leadingNumber(y[i]) : 0);
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    private static int leadingNumber(String part) {
        int end = 0;
        while (end < part.length() && Character.isDigit(part.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(part.substring(0, end));
    }
}

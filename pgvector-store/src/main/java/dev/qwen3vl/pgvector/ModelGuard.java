package dev.qwen3vl.pgvector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The record of which model's embeddings a table holds: a one-row table {@code <table>_model} next to it, with the
 * model id, dimension and dtype. Runs on the connection of {@link TableSetup}, inside its transaction.
 */
final class ModelGuard {

    private final TableLayout layout;

    /**
     * @param layout the guarded table
     */
    ModelGuard(TableLayout layout) {
        this.layout = layout;
    }

    /**
     * @param connection a connection in the setup transaction
     * @return the recorded model, if there is a record
     * @throws SQLException if the query fails
     */
    Optional<ModelSignature> recorded(Connection connection) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, layout.modelTableName());
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT model_id, dimension, dtype FROM "
                     + layout.modelTableName())) {
            return rs.next() ? Optional.of(new ModelSignature(rs.getString(1), rs.getInt(2), rs.getString(3)))
                    : Optional.empty();
        }
    }

    /**
     * Records {@code model} as the model of the table, replacing an earlier record.
     *
     * @param connection a connection in the setup transaction
     * @param model      the model
     * @throws SQLException if a statement fails
     */
    void record(Connection connection, ModelSignature model) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + layout.modelTableName() + " (one_row boolean PRIMARY KEY"
                    + " DEFAULT true CHECK (one_row), model_id text NOT NULL, dimension integer NOT NULL, dtype text"
                    + " NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())");
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + layout.modelTableName()
                + " (model_id, dimension, dtype) VALUES (?, ?, ?) ON CONFLICT (one_row) DO UPDATE SET model_id ="
                + " EXCLUDED.model_id, dimension = EXCLUDED.dimension, dtype = EXCLUDED.dtype, recorded_at = now()")) {
            statement.setString(1, model.modelId());
            statement.setInt(2, model.dimension());
            statement.setString(3, model.dtype());
            statement.executeUpdate();
        }
    }
}

package dev.qwen3vl.pgvector;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs JDBC work in one transaction on a connection that is always closed and given back with its auto-commit mode
 * restored.
 */
final class Jdbc {

    /**
     * Work on a connection inside a transaction.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    interface Work<T> {
        /**
         * @param connection the connection, with auto-commit off
         * @return the result
         * @throws SQLException if a statement fails
         */
        T run(Connection connection) throws SQLException;
    }

    private Jdbc() {
    }

    /**
     * Runs work in a transaction: commits when it returns, rolls back when it throws.
     *
     * @param dataSource where the connection comes from
     * @param work       the work
     * @param <T>        the result type
     * @return what the work returned
     * @throws SQLException if the work, the commit or the connection fails
     */
    static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                    connection.setAutoCommit(autoCommit);
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
            connection.setAutoCommit(autoCommit);
            return result;
        }
    }

    /**
     * The most useful text of a JDBC error: for a failed batch the server's message for the failing entry.
     *
     * @param e the error
     * @return its message
     */
    static String describe(SQLException e) {
        SQLException cause = e;
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            cause = e.getNextException();
        }
        return cause.getMessage();
    }
}

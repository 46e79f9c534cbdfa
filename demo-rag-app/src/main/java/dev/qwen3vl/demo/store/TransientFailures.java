package dev.qwen3vl.demo.store;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Decides whether a failure means "the database is unreachable or busy for now" (worth retrying) rather than "this
 * request is wrong" (retrying would fail again).
 *
 * <p>Transient: connection errors (SQLSTATE class 08), server shutdown (57P01 to 57P03), insufficient resources
 * (class 53), serialization failures and deadlocks (40001, 40P01), JDBC's transient and recoverable exceptions, a
 * refused, reset or timed-out socket, and the connection pool's acquisition timeout.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    /**
     * @param failure any exception
     * @return whether it, or one of its causes, is a transient database failure
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException || t instanceof ConnectException
                    || t instanceof SocketTimeoutException || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
            if (t instanceof SQLException && t.getMessage() != null
                    && t.getMessage().contains("Acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exception to throw for a failed database action.
     *
     * @param action  what could not be done, e.g. {@code read rag_chunks_2048_documents}
     * @param failure the database failure
     * @return {@link DatabaseUnavailableException} (HTTP 503) when the failure is transient, otherwise
     *         {@link IllegalStateException}
     */
    public static RuntimeException failed(String action, Exception failure) {
        String message = "Could not " + action + ": " + failure.getMessage();
        return isTransient(failure)
                ? new DatabaseUnavailableException("The database is unreachable; try again when it is back. "
                        + message, failure)
                : new IllegalStateException(message, failure);
    }

    private static boolean isTransientState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("40001") || state.equals("40P01");
    }
}

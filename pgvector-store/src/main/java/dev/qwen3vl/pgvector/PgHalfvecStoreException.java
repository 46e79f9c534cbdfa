package dev.qwen3vl.pgvector;

import dev.langchain4j.exception.LangChain4jException;

/**
 * A database operation of {@link PgHalfvecEmbeddingStore} failed, or the table does not fit the store's configuration.
 */
public class PgHalfvecStoreException extends LangChain4jException {

    /**
     * Creates an exception with a message only.
     *
     * @param message what failed and why
     */
    public PgHalfvecStoreException(String message) {
        super(message);
    }

    /**
     * Creates an exception that wraps the JDBC error that caused it.
     *
     * @param message what failed
     * @param cause   the underlying error
     */
    public PgHalfvecStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

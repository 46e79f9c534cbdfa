package dev.qwen3vl.demo.store;

/** The database cannot be reached now (HTTP 503); the operation may succeed later. */
public class DatabaseUnavailableException extends RuntimeException {

    /**
     * @param message what could not be done
     * @param cause   the database failure
     */
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

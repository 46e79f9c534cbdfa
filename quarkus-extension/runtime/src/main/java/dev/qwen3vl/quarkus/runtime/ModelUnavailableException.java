package dev.qwen3vl.quarkus.runtime;

/**
 * A configured model cannot serve calls: its load failed (the message says why and which configuration key names
 * it) or the application is shutting down. Applications answer it with 503 Service Unavailable.
 */
public class ModelUnavailableException extends IllegalStateException {

    /**
     * @param message why the model is unavailable
     * @param cause   the load failure, or null
     */
    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

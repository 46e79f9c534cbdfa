package dev.qwen3vl.demo.load;

import java.time.Duration;

/**
 * A request refused because the work it waits for is full (HTTP 429 with {@code Retry-After}) or cannot be done now
 * (HTTP 503 with {@code Retry-After}: the models are loading, the request's deadline passed).
 */
public class OverloadedException extends RuntimeException {

    private final int status;
    private final String error;
    private final Duration retryAfter;

    /**
     * @param status     429 or 503
     * @param error      short code, e.g. {@code too_many_requests}
     * @param message    what is full, with its limit and the setting that raises it
     * @param retryAfter when the client may try again
     */
    public OverloadedException(int status, String error, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    /** A 429: the queue of {@code what} is full. */
    public static OverloadedException tooMany(String message, Duration retryAfter) {
        return new OverloadedException(429, "too_many_requests", message, retryAfter);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The short code. */
    public String error() {
        return error;
    }

    /** When to try again, whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}

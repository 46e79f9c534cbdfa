package dev.qwen3vl.demo.api;

/** A request the API refuses, with its HTTP status and a clear message. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;

    /**
     * @param status  HTTP status
     * @param error   short code
     * @param message what was wrong
     */
    public ApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    /** A 400 Bad Request. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    /** A 404 Not Found. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The short code. */
    public String error() {
        return error;
    }
}

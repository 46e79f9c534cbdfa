package dev.qwen3vl.demo.api;

/**
 * The JSON body of every error response.
 *
 * @param status  the HTTP status
 * @param error   a short code, e.g. {@code unsupported_media_type}
 * @param message what was wrong, with the offending input and the limit
 */
public record ApiError(int status, String error, String message) {
}

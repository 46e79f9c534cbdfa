package dev.qwen3vl.hub;

import java.io.IOException;
import java.net.URI;

/** An HTTP answer worth trying again later (a server error, 408, 429 or 416): an I/O failure that is retried. */
final class HubHttpException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    HubHttpException(URI uri, int status, String body) {
        super("HTTP " + status + " from " + uri + (body.isEmpty() ? "" : ": " + body));
        this.status = status;
    }

    /** The HTTP status. */
    int status() {
        return status;
    }

    /** Whether {@code status} is worth a retry. */
    static boolean isRetryable(int status) {
        return status >= 500 || status == 408 || status == 429 || status == 416;
    }
}

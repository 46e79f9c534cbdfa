package dev.qwen3vl.hub;

/**
 * A download from the model hub that failed: the network, an HTTP error, a file that did not match its published
 * checksum or size, or the cache folder that could not be written. Partial downloads that can be resumed are kept
 * as {@code blobs/<name>.incomplete}; corrupt ones are deleted.
 */
public class ModelDownloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public ModelDownloadException(String message) {
        super(message);
    }

    /** An exception with the given message and cause. */
    public ModelDownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}

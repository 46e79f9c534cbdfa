package dev.qwen3vl.hub;

/**
 * Told how far each file of a model download has come. Called from the downloading thread, first when a file
 * starts (with the bytes already on disk from an interrupted earlier try), then as bytes arrive, and last with
 * {@code bytesDone == totalBytes} when the file is complete. {@code bytesDone} never decreases for a file unless
 * the server refuses to resume and the file starts over. Implementations must be thread-safe when the resolver is
 * shared, and fast; an exception thrown here aborts the download (the partial file is kept for resuming).
 */
@FunctionalInterface
public interface DownloadProgressListener {

    /**
     * Progress of one file.
     *
     * @param modelId    the hub id of the model, {@code org/name}
     * @param fileName   the file's path in the repository, e.g. {@code model.safetensors}
     * @param bytesDone  bytes of the file on disk so far
     * @param totalBytes the file's size, or -1 when the hub did not say
     */
    void onProgress(String modelId, String fileName, long bytesDone, long totalBytes);

    /** The default listener: a text progress line in the log, at most every 2 seconds or 10 percent. */
    static DownloadProgressListener logging() {
        return new LoggingProgressListener();
    }
}

package dev.qwen3vl.demo.ingest;

/** A file the demo cannot ingest: unsupported extension, or content that does not match it (HTTP 415). */
public class UnsupportedFileException extends RuntimeException {

    /**
     * @param message what is wrong with which file
     */
    public UnsupportedFileException(String message) {
        super(message);
    }
}

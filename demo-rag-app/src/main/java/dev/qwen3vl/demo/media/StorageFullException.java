package dev.qwen3vl.demo.media;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A file could not be stored because its file system is full; the API answers 507 Insufficient Storage. */
public class StorageFullException extends RuntimeException {

    /**
     * @param message what could not be stored, naming the file as the user sent it
     * @param cause   the failed write
     */
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether a failed write into {@code folder} failed for lack of space (ENOSPC, or no usable space left). */
    static boolean isNoSpace(IOException e, Path folder) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("no space left") || message.contains("disk quota exceeded")) {
            return true;
        }
        try {
            FileStore store = Files.getFileStore(folder);
            return store.getUsableSpace() == 0;
        } catch (IOException | RuntimeException ignored) {
            return false;
        }
    }
}

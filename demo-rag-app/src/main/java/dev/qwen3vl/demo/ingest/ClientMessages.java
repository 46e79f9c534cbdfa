package dev.qwen3vl.demo.ingest;

import java.nio.file.Path;

/**
 * Error messages as a client sees them: a file is named as the user sent it, and no server path (the data folder, the
 * upload folder) appears. The server's log keeps the full message.
 */
public final class ClientMessages {

    private ClientMessages() {
    }

    /**
     * @param message a failure's message
     * @param file    the file on the server the failure is about, or null
     * @param name    the file's name as the user sent it
     * @param dataDir the data folder, or null
     * @return the message with the file's server path replaced by {@code name} and the data folder by
     *     {@code <data folder>}
     */
    public static String scrub(String message, Path file, String name, Path dataDir) {
        if (message == null) {
            return null;
        }
        String out = message;
        if (file != null) {
            out = replace(out, file.toAbsolutePath().normalize().toString(), name);
            out = replace(out, file.toAbsolutePath().toString(), name);
            out = replace(out, file.toString(), name);
        }
        if (dataDir != null) {
            out = replace(out, dataDir.toAbsolutePath().normalize().toString(), "<data folder>");
            out = replace(out, dataDir.toAbsolutePath().toString(), "<data folder>");
        }
        return out;
    }

    private static String replace(String text, String path, String by) {
        return path.length() > 1 ? text.replace(path, by) : text;
    }
}

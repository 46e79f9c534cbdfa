package dev.qwen3vl.spark;

import java.io.Serializable;

/**
 * A source that could not be embedded, and why.
 *
 * @param source the source's name (file URI or {@code text:<sha256>})
 * @param reason what went wrong: the exception's type and message, with its causes
 */
public record FileError(String source, String reason) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @param source the source
     * @param error  what was thrown
     * @return the error, with the messages of the exception and its causes
     */
    static FileError of(String source, Throwable error) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : ": " + t.getMessage();
            if (reason.indexOf(message.isEmpty() ? t.getClass().getSimpleName() : message) >= 0) {
                continue;
            }
            reason.append(reason.length() == 0 ? "" : "; caused by ").append(t.getClass().getSimpleName())
                    .append(message);
        }
        return new FileError(source, reason.toString());
    }
}

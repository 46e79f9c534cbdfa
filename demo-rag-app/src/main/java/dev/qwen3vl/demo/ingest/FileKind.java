package dev.qwen3vl.demo.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The kinds of files the demo ingests, recognised by their file name extension. */
public enum FileKind {

    /** Plain text, UTF-8. */
    TEXT("txt"),
    /** Markdown, UTF-8. */
    MARKDOWN("md", "markdown"),
    /** PDF: text per page plus the rendered page. */
    PDF("pdf"),
    /** An image. */
    IMAGE("png", "jpg", "jpeg", "webp", "gif", "bmp"),
    /** A short video. */
    VIDEO("mp4", "webm", "mov", "avi");

    private final List<String> extensions;

    FileKind(String... extensions) {
        this.extensions = List.of(extensions);
    }

    /** The extensions of this kind, lower case, without dot. */
    public List<String> extensions() {
        return extensions;
    }

    /**
     * @param fileName a file name
     * @return the kind of its extension (case-insensitive), or empty if unsupported
     */
    public static Optional<FileKind> of(String fileName) {
        String ext = extension(fileName);
        return Arrays.stream(values()).filter(k -> k.extensions.contains(ext)).findFirst();
    }

    /**
     * @param fileName a file name
     * @return its extension, lower case, without dot; empty if none
     */
    public static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        return dot > slash ? fileName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** Every supported extension, with a dot, e.g. {@code .txt}. */
    public static List<String> supportedExtensions() {
        return Arrays.stream(values()).flatMap(k -> k.extensions.stream()).map(e -> "." + e).toList();
    }

    /** Whether the file name has a supported extension. */
    public static boolean isSupported(String fileName) {
        return of(fileName).isPresent();
    }
}

package dev.qwen3vl.spark;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of files the job embeds, told by the file name's extension and confirmed by the first bytes (so that a
 * mislabelled file fails with a clear reason instead of somewhere inside a decoder).
 */
enum SourceKind {

    /** UTF-8 text, cut into chunks. */
    TEXT("txt", "text"),
    /** Markdown, UTF-8, cut into chunks like text. */
    MARKDOWN("md", "markdown"),
    /** PDF: a row per page, the rendered page with its text. */
    PDF("pdf"),
    /** PNG, JPEG, GIF, BMP or WebP. */
    IMAGE("png", "jpg", "jpeg", "gif", "bmp", "webp"),
    /** A video file decoded with FFmpeg. */
    VIDEO("mp4", "m4v", "mov", "webm", "mkv", "avi");

    /** How many leading bytes {@link #checkHead} needs. */
    static final int HEAD_BYTES = 12;

    private final List<String> extensions;

    SourceKind(String... extensions) {
        this.extensions = List.of(extensions);
    }

    /**
     * @param name a file name or URI
     * @return its kind
     * @throws IllegalArgumentException if the extension is not one the job embeds
     */
    static SourceKind of(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        String extension = dot > slash ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        for (SourceKind kind : values()) {
            if (kind.extensions.contains(extension)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unsupported file type " + (extension.isEmpty() ? "(no extension)"
                : "'." + extension + "'") + "; supported: " + Arrays.stream(values())
                .flatMap(k -> k.extensions.stream()).map(e -> "." + e).collect(Collectors.joining(" ")));
    }

    /** @return the kind's name in row metadata, e.g. {@code pdf} */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Checks that the file's first bytes fit its kind. Texts are checked when decoded.
     *
     * @param head the first {@link #HEAD_BYTES} bytes (fewer for a shorter file)
     * @throws IllegalArgumentException if they do not
     */
    void checkHead(byte[] head) {
        boolean fits = switch (this) {
            case TEXT, MARKDOWN -> true;
            case PDF -> startsWith(head, 0, "%PDF-");
            case IMAGE -> startsWith(head, 0, "\u0089PNG") || startsWith(head, 0, "\u00ff\u00d8\u00ff")
                    || startsWith(head, 0, "GIF8") || startsWith(head, 0, "BM")
                    || startsWith(head, 0, "RIFF") && startsWith(head, 8, "WEBP");
            case VIDEO -> startsWith(head, 4, "ftyp") || startsWith(head, 4, "moov") || startsWith(head, 4, "mdat")
                    || startsWith(head, 4, "free") || startsWith(head, 4, "wide")
                    || startsWith(head, 0, "\u001a\u0045\u00df\u00a3") || startsWith(head, 0, "RIFF")
                    && startsWith(head, 8, "AVI ");
        };
        if (!fits) {
            throw new IllegalArgumentException("The content is not a valid " + label() + " file: it starts with bytes "
                    + hex(head) + ", which no " + extensions + " file does");
        }
    }

    private static boolean startsWith(byte[] data, int offset, String latin1) {
        byte[] prefix = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return data.length >= offset + prefix.length
                && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static String hex(byte[] head) {
        StringBuilder out = new StringBuilder();
        for (byte b : head) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.length() == 0 ? "(empty file)" : out.toString();
    }
}

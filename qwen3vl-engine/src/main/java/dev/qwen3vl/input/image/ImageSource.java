package dev.qwen3vl.input.image;

import dev.qwen3vl.util.ContentKeys;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an image comes from: a file, encoded bytes, a {@link BufferedImage}, a {@code data:image/...;base64,}
 * URI or an http(s) URL (the inputs qwen-vl-utils' {@code fetch_image} accepts). Immutable; nothing is read or
 * downloaded until an {@link ImageLoader} loads it.
 *
 * <p>{@link #description()} names the input in error messages without revealing its content: the path, the
 * given name, {@code data URI (12 kB, image/png)}, or the URL without user info and query.
 */
public final class ImageSource {

    /** The kinds of input. */
    enum Kind {
        PATH,
        BYTES,
        BUFFERED_IMAGE,
        DATA_URI,
        URL
    }

    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+://.*", Pattern.DOTALL);

    private final Kind kind;
    private final Path path;
    private final byte[] bytes;
    private final BufferedImage image;
    private final String base64;
    private final URI url;
    private final String description;

    private ImageSource(Kind kind, Path path, byte[] bytes, BufferedImage image, String base64, URI url,
            String description) {
        this.kind = kind;
        this.path = path;
        this.bytes = bytes;
        this.image = image;
        this.base64 = base64;
        this.url = url;
        this.description = description;
    }

    /** An image file (PNG, JPEG, GIF, BMP or WebP). */
    public static ImageSource ofPath(Path path) {
        Objects.requireNonNull(path, "path");
        return new ImageSource(Kind.PATH, path, null, null, null, null, path.toString());
    }

    /**
     * Encoded image bytes (copied).
     *
     * @param data the encoded image
     * @param name what to call the input in messages; null or blank for "encoded bytes (size)"
     */
    public static ImageSource ofBytes(byte[] data, String name) {
        Objects.requireNonNull(data, "data");
        String description = name == null || name.isBlank() ? "encoded bytes (" + humanSize(data.length) + ")" : name;
        return new ImageSource(Kind.BYTES, null, data.clone(), null, null, null, description);
    }

    /**
     * A decoded image, converted to RGB the way Pillow converts the equivalent PIL image: with an alpha channel
     * composited over white, an indexed image looked up in its palette (alpha ignored), 8-bit samples as they
     * are, 16-bit colour samples reduced to their high byte, 16-bit grey clamped to 255 (Pillow's {@code I;16}),
     * any embedded colour space ignored. The image is read when loaded; do not modify it afterwards.
     *
     * @param image the image
     * @param name what to call the input in messages; null or blank for "BufferedImage WxH"
     */
    public static ImageSource of(BufferedImage image, String name) {
        Objects.requireNonNull(image, "image");
        String description = name == null || name.isBlank()
                ? "BufferedImage " + image.getWidth() + "x" + image.getHeight()
                : name;
        return new ImageSource(Kind.BUFFERED_IMAGE, null, null, image, null, null, description);
    }

    /**
     * A {@code data:image/<type>[;parameters];base64,<data>} URI.
     *
     * @throws InvalidImageException if it is not a base64 data URI of an image type
     */
    public static ImageSource ofDataUri(String dataUri) {
        Objects.requireNonNull(dataUri, "dataUri");
        if (!dataUri.regionMatches(true, 0, "data:", 0, 5)) {
            throw new InvalidImageException("data URI", "does not start with 'data:'");
        }
        int comma = dataUri.indexOf(',');
        if (comma < 0) {
            throw new InvalidImageException("data URI", "has no ',' before its data");
        }
        String header = dataUri.substring(5, comma);
        int semicolon = header.indexOf(';');
        String mediaType = (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        String shownType = mediaType.length() > 40 ? mediaType.substring(0, 40) + "…" : mediaType;
        if (!mediaType.startsWith("image/")) {
            throw new InvalidImageException("data URI (" + shownType + ")",
                    "the media type is not an image type (expected data:image/...;base64,...)");
        }
        if (!header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw new InvalidImageException("data URI (" + shownType + ")",
                    "only base64-encoded data URIs are supported (expected data:image/...;base64,...)");
        }
        String payload = dataUri.substring(comma + 1);
        String description = "data URI (" + humanSize(payload.length() / 4L * 3) + ", " + shownType + ")";
        return new ImageSource(Kind.DATA_URI, null, null, null, payload, null, description);
    }

    /**
     * An http or https URL. It is downloaded only by a loader whose limits allow URL fetching.
     *
     * @throws InvalidImageException if the scheme is not http(s) or the URL has no host
     */
    public static ImageSource ofUrl(URI url) {
        Objects.requireNonNull(url, "url");
        String shown = redact(url);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidImageException(shown, "only http and https URLs can be downloaded");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new InvalidImageException(shown, "the URL has no host");
        }
        return new ImageSource(Kind.URL, null, null, null, null, url, shown);
    }

    /**
     * A reference as written by users of the reference implementation: a {@code data:image/...;base64,} URI,
     * an {@code http://} or {@code https://} URL, a {@code file:} URI, or a plain file path.
     *
     * @throws InvalidImageException if the reference is blank, uses another URL scheme or is malformed
     */
    public static ImageSource parse(String ref) {
        Objects.requireNonNull(ref, "ref");
        String trimmed = ref.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidImageException("(blank reference)", "an image reference must not be blank");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:")) {
            return ofDataUri(trimmed);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (URISyntaxException e) {
                throw new InvalidImageException(shorten(trimmed), "malformed URL: " + e.getReason(), e);
            }
            return ofUrl(uri);
        }
        if (lower.startsWith("file:")) {
            return ofPath(fileUriPath(trimmed));
        }
        if (URL_SCHEME.matcher(trimmed).matches()) {
            String scheme = trimmed.substring(0, trimmed.indexOf(':'));
            throw new InvalidImageException(shorten(trimmed),
                    "unsupported URL scheme '" + scheme + "' (use a file path, file:, data:image, http or https)");
        }
        try {
            return ofPath(Paths.get(trimmed));
        } catch (InvalidPathException e) {
            throw new InvalidImageException(shorten(trimmed), "not a valid file path: " + e.getReason(), e);
        }
    }

    /** Names the input for messages (never its content). */
    public String description() {
        return description;
    }

    /**
     * A key of the image's content for caches of decoded images: a SHA-256 of the file's bytes, of the encoded
     * bytes or of the data URI's payload. Empty for a {@link BufferedImage} (it may change) and a URL (the server's
     * content may change), and for a file that cannot be read (loading it reports why).
     */
    public Optional<String> cacheKey() {
        return switch (kind) {
            case PATH -> {
                if (!Files.isRegularFile(path)) {
                    yield Optional.empty();
                }
                try {
                    yield Optional.of(ContentKeys.hasher("image").addFile(path).hex());
                } catch (UncheckedIOException e) {
                    yield Optional.empty();
                }
            }
            case BYTES -> Optional.of(ContentKeys.hasher("image").add(bytes).hex());
            case DATA_URI -> Optional.of(ContentKeys.hasher("image-base64").add(base64).hex());
            case BUFFERED_IMAGE, URL -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return "ImageSource[" + description + "]";
    }

    Kind kind() {
        return kind;
    }

    Path path() {
        return path;
    }

    /** The encoded bytes of a {@link Kind#BYTES} source (not copied: callers must not modify them). */
    byte[] bytes() {
        return bytes;
    }

    BufferedImage image() {
        return image;
    }

    /** The base64 part of a data URI. */
    String base64() {
        return base64;
    }

    URI url() {
        return url;
    }

    /** A file: URI as a path; like the reference, {@code file://relative} falls back to the text after it. */
    private static Path fileUriPath(String ref) {
        try {
            return Paths.get(new URI(ref));
        } catch (URISyntaxException | IllegalArgumentException e) {
            if (ref.regionMatches(true, 0, "file://", 0, 7) && ref.length() > 7) {
                try {
                    return Paths.get(ref.substring(7));
                } catch (InvalidPathException inner) {
                    e.addSuppressed(inner);
                }
            }
            throw new InvalidImageException(shorten(ref), "malformed file URI: " + e.getMessage(), e);
        }
    }

    /** The URL without user info and query, for messages and logs. */
    static String redact(URI url) {
        if (url.getHost() == null) {
            String s = url.getScheme() == null ? "URL" : url.getScheme() + ": URL";
            return s + " (" + humanSize(url.toString().length()) + ")";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() >= 0) {
            sb.append(':').append(url.getPort());
        }
        String path = url.getRawPath();
        sb.append(path == null || path.isEmpty() ? "/" : shorten(path));
        if (url.getRawQuery() != null) {
            sb.append("?…");
        }
        return sb.toString();
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    /** 512 B, 12 kB, 3.4 MB. */
    static String humanSize(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return Math.round(bytes / 1000.0) + " kB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}

package dev.qwen3vl.demo.media;

import dev.qwen3vl.demo.config.DemoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files the application keeps under {@code demo.data-dir}: uploads ({@code uploads/<sha256>/<name>}) and media
 * ({@code media/<id>}): original images and videos, rendered PDF pages and thumbnails, served by
 * {@code GET /api/media/{id}}. A media id is {@code <sha256 of the document>[-<suffix>].<extension>}, so files are
 * written once per document and an id never names anything outside the media folder.
 */
@ApplicationScoped
public class MediaStore {

    private static final Logger LOG = LoggerFactory.getLogger(MediaStore.class);

    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}(-[a-z0-9]+)*\\.(png|jpg|jpeg|webp|gif|bmp|mp4|webm"
            + "|mov|avi)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "webp", "image/webp", "gif", "image/gif",
            "bmp", "image/bmp", "mp4", "video/mp4", "webm", "video/webm", "mov", "video/quicktime",
            "avi", "video/x-msvideo");
    private static final int MAX_NAME_LENGTH = 120;

    private final Path media;
    private final Path uploads;

    /**
     * @param config where the data folder is
     */
    @Inject
    public MediaStore(DemoConfig config) {
        this(config.dataDir());
    }

    /**
     * A store under a data folder.
     *
     * @param dataDir the data folder; {@code media} and {@code uploads} are created in it
     */
    public MediaStore(Path dataDir) {
        this.media = dataDir.resolve("media").toAbsolutePath().normalize();
        this.uploads = dataDir.resolve("uploads").toAbsolutePath().normalize();
        try {
            Files.createDirectories(media);
            Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folders under " + dataDir.toAbsolutePath(), e);
        }
    }

    /** The folder of uploaded files, one sub-folder per content hash. */
    public Path uploadsFolder() {
        return uploads;
    }

    /**
     * Writes a media file (atomically: a reader never sees half a file).
     *
     * @param id    a valid media id
     * @param bytes the content
     * @return the file
     */
    public Path put(String id, byte[] bytes) {
        Path target = path(id);
        try {
            Path tmp = Files.createTempFile(media, ".put-", ".tmp");
            Files.write(tmp, bytes);
            return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write media file " + target, e);
        }
    }

    /**
     * Copies a file into the media folder unless it is there already.
     *
     * @param id     a valid media id
     * @param source the file to copy
     * @return the media file
     */
    public Path copy(String id, Path source) {
        Path target = path(id);
        if (Files.exists(target)) {
            return target;
        }
        try {
            Path tmp = Files.createTempFile(media, ".copy-", ".tmp");
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + source + " to media file " + target, e);
        }
    }

    /**
     * Moves an uploaded file to {@code uploads/<sha256>/<name>} (a file already there is kept).
     *
     * @param sha256 the content hash
     * @param name   the client's file name (reduced to letters, digits, dot, dash and underscore)
     * @param source the temporary upload
     * @return the stored file
     */
    public Path storeUpload(String sha256, String name, Path source) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a sha256 hex digest: " + sha256);
        }
        Path folder = uploads.resolve(sha256);
        boolean created = !Files.isDirectory(folder);
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(safeFileName(name));
            if (!Files.exists(target)) {
                tmp = Files.createTempFile(folder, ".upload-", ".tmp");
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException e) {
            // nothing half-written stays behind: not the partial copy, not a folder made for it
            deleteQuietly(tmp);
            if (created) {
                deleteQuietly(folder);
            }
            // the message names the file as the user sent it, never a path of this server
            String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            if (StorageFullException.isNoSpace(e, uploads)) {
                throw new StorageFullException("Cannot store '" + name + "': the upload folder is full (" + reason
                        + "); nothing was stored", e);
            }
            throw new UncheckedIOException("Cannot store '" + name + "' (" + reason + "); nothing was stored", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.toString());
        }
    }

    /**
     * Deletes the files of a document: its media ({@code media/<sha256>*}) and its upload folder, if any.
     *
     * @param sha256 the document's content hash
     * @return how many files were deleted
     */
    public int deleteDocument(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a sha256 hex digest: " + sha256);
        }
        try (Stream<Path> mediaFiles = Files.list(media);
             Stream<Path> uploaded = Files.exists(uploads.resolve(sha256)) ? Files.walk(uploads.resolve(sha256))
                     : Stream.empty()) {
            List<Path> files = Stream.concat(
                            mediaFiles.filter(p -> p.getFileName().toString().startsWith(sha256)),
                            uploaded.sorted(Comparator.reverseOrder()))
                    .toList();
            int deleted = 0;
            for (Path file : files) {
                deleted += Files.isDirectory(file) ? 0 : 1;
                Files.deleteIfExists(file);
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the files of document " + sha256, e);
        }
    }

    /**
     * The file of a media id (which may not exist yet).
     *
     * @param id a media id
     * @return its path in the media folder
     * @throws IllegalArgumentException if the id is not a valid media id
     */
    public Path path(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("Invalid media id '" + id + "'");
        }
        return media.resolve(id);
    }

    /**
     * The existing file of a media id.
     *
     * @param id any string
     * @return the file, or empty if the id is invalid or the file does not exist
     */
    public Optional<Path> find(String id) {
        if (!isValidId(id)) {
            return Optional.empty();
        }
        Path file = media.resolve(id);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * @param id any string
     * @return whether it is a well-formed media id
     */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * @param id a valid media id
     * @return the MIME type of its extension
     */
    public static String contentType(String id) {
        String ext = id.substring(id.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(ext, "application/octet-stream");
    }

    /**
     * A file name reduced to {@code [A-Za-z0-9._-]} (others become {@code _}), at most 120 characters, never
     * {@code .} or {@code ..}.
     *
     * @param name a client's file name, possibly with a path
     * @return a safe file name
     */
    public static String safeFileName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > MAX_NAME_LENGTH) {
            int dot = safe.lastIndexOf('.');
            String ext = dot > 0 && safe.length() - dot <= 10 ? safe.substring(dot) : "";
            safe = safe.substring(0, MAX_NAME_LENGTH - ext.length()) + ext;
        }
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            safe = "upload" + safe.replace('.', '_');
        }
        return safe;
    }
}

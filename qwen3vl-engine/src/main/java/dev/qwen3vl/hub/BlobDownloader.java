package dev.qwen3vl.hub;

import dev.qwen3vl.hub.HubClient.FileDownload;
import dev.qwen3vl.hub.RepoInfo.RepoFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the files of one repository commit into the cache's {@code blobs/} folder. Git LFS files (the weights,
 * large tokenizers) are named by their sha256, downloaded into {@code <sha256>.incomplete}, resumed with an HTTP
 * range request when that file exists, checked against the sha256 and size the hub published, and only then
 * renamed to their final name; a file that fails the check is deleted. Other files are named by their ETag and
 * downloaded whole. Blobs already present are reused.
 */
final class BlobDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(BlobDownloader.class);
    private static final int BUFFER_SIZE = 1 << 16;
    private static final Pattern ETAG = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final Pattern CONTENT_RANGE_START = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");

    private final HubClient client;
    private final HubModelId id;
    private final String commit;
    private final Path blobsDir;
    private final DownloadProgressListener listener;
    private final Retrier retrier;

    BlobDownloader(HubClient client, HubModelId id, String commit, Path blobsDir,
                   DownloadProgressListener listener, Retrier retrier) {
        this.client = client;
        this.id = id;
        this.commit = commit;
        this.blobsDir = blobsDir;
        this.listener = listener;
        this.retrier = retrier;
    }

    /**
     * The blob holding {@code file}, downloaded unless already there.
     *
     * @throws ModelDownloadException if the download fails or the file does not match its checksum
     */
    Path fetch(RepoFile file) throws InterruptedException {
        try {
            Files.createDirectories(blobsDir);
        } catch (IOException e) {
            throw new ModelDownloadException("Cannot create the cache folder " + blobsDir, e);
        }
        return file.isLfs() ? fetchLfs(file) : fetchByEtag(file);
    }

    private Path fetchLfs(RepoFile file) throws InterruptedException {
        Path blob = blobsDir.resolve(file.lfsSha256());
        if (hasSize(blob, file.size())) {
            return blob;
        }
        Path partial = blobsDir.resolve(file.lfsSha256() + ".incomplete");
        retrier.call("Downloading " + file.name() + " of " + id, () -> {
            transferResuming(file, partial);
            return partial;
        }, () -> sizeOrZero(partial));
        verifySha256(file, partial);
        return publish(partial, blob);
    }

    private void transferResuming(RepoFile file, Path partial) throws IOException, InterruptedException {
        long total = file.size();
        long offset = sizeOrZero(partial);
        if (total >= 0 && offset > total) {
            LOG.warn("{} is longer than {} ({} > {} bytes); downloading it again", partial, file.name(), offset,
                    total);
            deleteIfExists(partial);
            offset = 0;
        }
        if (total >= 0 && offset == total) {
            return;
        }
        FileDownload download;
        try {
            download = client.download(id, commit, file.name(), offset);
        } catch (HubHttpException e) {
            if (e.status() == 416) {
                deleteIfExists(partial);
            }
            throw e;
        }
        try (download) {
            if (offset > 0 && download.status() == 206) {
                long start = contentRangeStart(download);
                if (start != offset) {
                    deleteIfExists(partial);
                    throw new IOException("Asked for " + file.name() + " from byte " + offset
                            + " but the server sent a range from byte " + start);
                }
                LOG.info("Resuming {} of {} at byte {}", file.name(), id, offset);
            } else if (offset > 0) {
                LOG.info("The server does not resume {} of {}; downloading it again from the start", file.name(), id);
                offset = 0;
            }
            write(download.body(), partial, offset, file.name(), total);
        }
        long size = sizeOrZero(partial);
        if (total >= 0 && size < total) {
            throw new IOException("The connection ended after " + size + " of " + total + " bytes");
        }
    }

    private Path fetchByEtag(RepoFile file) throws InterruptedException {
        return retrier.call("Downloading " + file.name() + " of " + id, () -> {
            try (FileDownload download = client.download(id, commit, file.name(), 0)) {
                String etag = download.etag();
                if (etag == null || !ETAG.matcher(etag).matches()) {
                    throw new ModelDownloadException("The hub sent no usable ETag for " + file.name() + " of " + id
                            + " (got " + etag + "), so it cannot be stored in the cache");
                }
                Path blob = blobsDir.resolve(etag);
                if (hasSize(blob, file.size())) {
                    return blob;
                }
                Path partial = blobsDir.resolve(etag + ".incomplete");
                write(download.body(), partial, 0, file.name(), file.size());
                long size = Files.size(partial);
                if (file.size() >= 0 && size != file.size()) {
                    deleteIfExists(partial);
                    throw new IOException("Got " + size + " bytes of " + file.name() + " instead of " + file.size());
                }
                return publish(partial, blob);
            }
        }, () -> 0);
    }

    /** Streams {@code in} into {@code partial} from {@code offset} (0: the file is truncated), reporting progress. */
    private void write(InputStream in, Path partial, long offset, String fileName, long total) throws IOException {
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(offset);
            channel.position(offset);
            long done = offset;
            listener.onProgress(id.repoId(), fileName, done, total);
            byte[] buffer = new byte[BUFFER_SIZE];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                done += n;
                listener.onProgress(id.repoId(), fileName, done, total);
            }
            channel.force(true);
        }
    }

    private void verifySha256(RepoFile file, Path partial) {
        String actual;
        long size;
        try {
            actual = sha256(partial);
            size = Files.size(partial);
        } catch (IOException e) {
            throw new ModelDownloadException("Cannot read the downloaded " + partial, e);
        }
        if (!actual.equals(file.lfsSha256())) {
            deleteQuietly(partial);
            throw new ModelDownloadException("Downloaded " + file.name() + " of " + id + " is corrupt: expected sha256 "
                    + file.lfsSha256() + " (" + file.size() + " bytes) but got sha256 " + actual + " (" + size
                    + " bytes) from " + client.endpoint() + ". The corrupt download was deleted; try again.");
        }
    }

    private Path publish(Path partial, Path blob) {
        try {
            HubCache.moveAtomically(partial, blob);
        } catch (IOException e) {
            throw new ModelDownloadException("Cannot move " + partial + " to " + blob, e);
        }
        return blob;
    }

    private static long contentRangeStart(FileDownload download) throws IOException {
        String range = download.header("Content-Range").orElse("");
        Matcher m = CONTENT_RANGE_START.matcher(range.strip());
        if (!m.matches()) {
            throw new IOException("Partial answer without a valid Content-Range header: '" + range + "'");
        }
        return Long.parseLong(m.group(1));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean hasSize(Path file, long size) {
        try {
            return Files.isRegularFile(file) && (size < 0 || Files.size(file) == size);
        } catch (IOException e) {
            return false;
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.toString());
        }
    }
}
